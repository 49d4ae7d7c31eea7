package com.facegate.local.aws.s3;

import com.facegate.local.aws.auth.Principals;
import com.facegate.local.aws.lambda.S3EventNotifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local S3 endpoint: s3proxy over a folder ({@code <data>/s3}), SigV4 with every identity the stack knows,
 * each held to its policy ({@link PrincipalLocator}, {@link PolicyBlobStore}; temporary credentials' session
 * token and expiry by {@link SessionTokenGate}), path-style, HTTPS with the local server certificate (or plain
 * HTTP when no SSL context is given), the bucket created at start, keys stored under their literal names
 * ({@link LiteralKeyBlobStore}; objects of earlier runs are moved to those names at start) and event
 * notifications through {@link NotifyingBlobStore}.
 */
public final class S3Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private final Path baseDir;
    private final String host;
    private final int requestedPort;
    private final String bucket;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final SSLContext sslContext;
    private final S3EventNotifier notifier;
    private final Principals principals;
    private final Clock clock;
    private S3Proxy proxy;
    private BlobStore store;

    private S3Server(Builder b) {
        this.baseDir = Objects.requireNonNull(b.baseDir, "baseDir");
        this.host = b.host;
        this.requestedPort = b.port;
        this.bucket = Objects.requireNonNull(b.bucket, "bucket");
        this.accessKeyId = Objects.requireNonNull(b.accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(b.secretAccessKey, "secretAccessKey");
        this.sslContext = b.sslContext;
        this.notifier = Objects.requireNonNull(b.notifier, "notifier");
        this.principals = b.principals != null ? b.principals
                : Principals.allowAll(Map.of(accessKeyId, secretAccessKey));
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized S3Server start() {
        if (proxy != null) {
            return this;
        }
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LegacyKeyFiles.migrate(baseDir.resolve(bucket));
        store = new NotifyingBlobStore(new LiteralKeyBlobStore(
                new FilesystemNio2BlobStore(baseDir.toAbsolutePath().toString())), notifier);
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        URI uri = URI.create((sslContext != null ? "https://" : "http://") + hostForUri() + ":" + requestedPort);
        S3Proxy.Builder b = S3Proxy.builder()
                .blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V4, accessKeyId, secretAccessKey)
                .ignoreUnknownHeaders(true);
        if (sslContext != null) {
            b.secureEndpoint(uri).sslContext(sslContext);
        } else {
            b.endpoint(uri);
        }
        S3Proxy p = b.build();
        p.setBlobStoreLocator(new PrincipalLocator(principals, store, clock));
        SessionTokenGate.install(p, principals, clock);
        try {
            p.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(p.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3 endpoint did not start on " + uri, e);
        }
        proxy = p;
        LOG.info("S3 endpoint {} (bucket {}) on {}", sslContext != null ? "HTTPS" : "HTTP", bucket, endpoint());
        return this;
    }

    private String hostForUri() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    public int port() {
        return sslContext != null ? proxy.getSecurePort() : proxy.getPort();
    }

    public URI endpoint() {
        return URI.create((sslContext != null ? "https://" : "http://") + hostForUri() + ":" + port());
    }

    public String bucket() {
        return bucket;
    }

    public boolean secure() {
        return sslContext != null;
    }

    /** The store behind the endpoint, for in-process reads (tests, admin tools); writes through it notify too. */
    public BlobStore blobStore() {
        return store;
    }

    @Override
    public synchronized void close() {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (Exception e) {
                LOG.warn("S3 endpoint did not stop cleanly", e);
            }
            proxy = null;
        }
    }

    public static final class Builder {
        private Path baseDir;
        private String host = "127.0.0.1";
        private int port = 9440;
        private String bucket;
        private String accessKeyId;
        private String secretAccessKey;
        private SSLContext sslContext;
        private S3EventNotifier notifier;
        private Principals principals;
        private Clock clock = Clock.systemUTC();

        /** Folder holding one sub-folder per bucket: {@code <data>/s3}. */
        public Builder baseDir(Path baseDir) {
            this.baseDir = baseDir;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** The owner's key; without {@link #principals} it is the only one, allowed everything. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        /** HTTPS with this context; null serves plain HTTP (tests only). */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Every accepted credential with its policy (the owner's key among them). */
        public Builder principals(Principals principals) {
            this.principals = principals;
            return this;
        }

        /** The clock temporary credentials expire by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder notifier(S3EventNotifier notifier) {
            this.notifier = notifier;
            return this;
        }

        public S3Server build() {
            return new S3Server(this);
        }
    }
}

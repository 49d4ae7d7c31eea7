package com.facegate.local.aws.rekognition;

import com.facegate.engine.FaceEngine;
import com.facegate.local.aws.auth.Principals;
import com.facegate.local.aws.auth.SigV4Verifier;
import com.facegate.local.http.JettyEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * FaceGate's Rekognition-compatible endpoint: AWS JSON 1.1 ({@code POST /}, {@code X-Amz-Target:
 * RekognitionService.<Operation>}), SigV4-authenticated (signing name {@code rekognition}) and authorized per
 * caller ({@link RekognitionAuthorizer}: action {@code rekognition:<Operation>} on the collection), served by
 * Jetty 12 ({@link JettyEndpoint}, like every local endpoint), backed by the face engine and a persistent
 * {@link CollectionStore}.
 * Use it with the real SDK: {@code RekognitionClient.builder().endpointOverride(server.endpoint())}.
 *
 * <pre>{@code
 * RekognitionServer server = RekognitionServer.builder()
 *         .engine(OnnxFaceEngine.load())
 *         .dataDirectory(Path.of("data/rekognition"))
 *         .credentials(Map.of("AKIDLOCAL", "secret"))
 *         .region("eu-west-1")
 *         .sslContext(tls)          // null: plain HTTP (tests)
 *         .s3Client(s3)             // for Image.S3Object; optional
 *         .maxConcurrency(2)        // image analyses in flight; more wait, then ThrottlingException
 *         .host("127.0.0.1").port(0)
 *         .start();
 * }</pre>
 *
 * <p><b>Liveness.</b> Every FaceDetail (DetectFaces, IndexFaces, SearchUsersByImage) and CompareFaces face carries an
 * extra {@code "Liveness": {"Value", "Confidence", "Score"}} member, and SearchFacesByImage carries
 * {@code "SearchedFaceLiveness"} with the same shape. Amazon Rekognition has no such member; the AWS SDK skips
 * unknown members, so typed clients are unaffected. Cloud code reads it with an SDK {@code ExecutionInterceptor}
 * whose {@code modifyHttpResponseContent} keeps a copy of the response body and parses
 * {@code SearchedFaceLiveness.Score} with Jackson (absent against real AWS: then the policy must not rely on it).
 */
public final class RekognitionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RekognitionServer.class);

    private final JettyEndpoint endpoint;
    private final CollectionStore store;

    private RekognitionServer(Builder b) throws IOException {
        Objects.requireNonNull(b.engine, "engine");
        Objects.requireNonNull(b.dataDirectory, "dataDirectory");
        this.store = CollectionStore.open(b.dataDirectory, b.engine.embeddingSize());
        Principals principals = b.principals != null ? b.principals : Principals.allowAll(b.credentials);
        SigV4Verifier verifier = SigV4Verifier.forService("rekognition", b.region, principals)
                .withClock(b.clock).withAnySigningRegion(b.anySigningRegion);
        Map<String, Operation> operations = new HashMap<>();
        HandlerContext ctx = new HandlerContext(store,
                new ImageAnalyzer(b.engine, b.maxConcurrency, b.throttleWait),
                new ImageSource(b.s3Client), new PageTokens(), b.region, b.clock);
        new CollectionHandler(ctx).register(operations);
        new FaceHandler(ctx).register(operations);
        new DetectHandler(ctx).register(operations);
        new UserHandler(ctx).register(operations);
        if (b.tpsQuota > 0) {
            TpsQuota quota = new TpsQuota(b.tpsQuota);
            operations.replaceAll((name, op) -> request -> {
                quota.take(name);
                return op.handle(request);
            });
        }

        try {
            endpoint = JettyEndpoint.builder("rekognition").host(b.host).port(b.port).tls(b.sslContext)
                    .maxThreads(Math.max(16, b.maxConcurrency * 4))
                    .handler(new RekognitionHttpHandler(verifier, new RekognitionAuthorizer(b.region), operations))
                    .start();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return endpoint.port();
    }

    /** {@code http(s)://host:port} for the SDK's endpointOverride. */
    public java.net.URI endpoint() {
        return endpoint.endpoint();
    }

    @Override
    public void close() {
        endpoint.close();
        store.close();
    }

    /** Configuration; {@link #start()} opens the store, binds the port and returns the running server. */
    public static final class Builder {
        private FaceEngine engine;
        private Path dataDirectory;
        private Map<String, String> credentials = Map.of();
        private Principals principals;
        private String region = "us-east-1";
        private boolean anySigningRegion = true;
        private SSLContext sslContext;
        private S3Client s3Client;
        private int maxConcurrency = Math.max(1, Runtime.getRuntime().availableProcessors());
        private Duration throttleWait = Duration.ofSeconds(2);
        private int tpsQuota;
        private String host = "127.0.0.1";
        private int port;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The face engine; not closed by the server. */
        public Builder engine(FaceEngine e) {
            this.engine = e;
            return this;
        }

        /** Where collections persist ({@code rekognition.db}); created if missing. */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir;
            return this;
        }

        /** Access key id → secret access key accepted in SigV4 signatures, each allowed everything. */
        public Builder credentials(Map<String, String> accessKeyToSecret) {
            this.credentials = Map.copyOf(accessKeyToSecret);
            return this;
        }

        /** Every accepted credential with its policy; replaces {@link #credentials}. */
        public Builder principals(Principals p) {
            this.principals = p;
            return this;
        }

        /** The region in collection ARNs (and the only signing region accepted when not {@link #anySigningRegion}). */
        public Builder region(String r) {
            this.region = r;
            return this;
        }

        /** True (default): a signature scoped to any region is accepted (and verified with that region). */
        public Builder anySigningRegion(boolean any) {
            this.anySigningRegion = any;
            return this;
        }

        /** TLS for HTTPS; null means plain HTTP (tests only). */
        public Builder sslContext(SSLContext ctx) {
            this.sslContext = ctx;
            return this;
        }

        /** Reads Image.S3Object images; null means S3Object requests get InvalidS3ObjectException. */
        public Builder s3Client(S3Client s3) {
            this.s3Client = s3;
            return this;
        }

        /** Image analyses in flight at once; further requests wait up to {@link #throttleWait}, then throttle. */
        public Builder maxConcurrency(int n) {
            this.maxConcurrency = n;
            return this;
        }

        /** Calls per second per operation before ThrottlingException, as Rekognition's quotas; 0 (default): none. */
        public Builder tpsQuota(int tps) {
            this.tpsQuota = tps;
            return this;
        }

        public Builder throttleWait(Duration wait) {
            this.throttleWait = wait;
            return this;
        }

        public Builder host(String h) {
            this.host = h;
            return this;
        }

        /** 0 picks a free port; read it back with {@link RekognitionServer#port()}. */
        public Builder port(int p) {
            this.port = p;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public RekognitionServer start() throws IOException {
            RekognitionServer server = new RekognitionServer(this);
            LOG.info("Rekognition endpoint listening on {}", server.endpoint());
            return server;
        }
    }
}

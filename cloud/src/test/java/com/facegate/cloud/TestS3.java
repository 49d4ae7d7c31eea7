package com.facegate.cloud;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 wire endpoint for tests: s3proxy on 127.0.0.1, port 0, backed by a folder, SigV4 required. Either
 * {@link #start} it over a folder of the test's, or register it for a whole test class,
 * {@code @RegisterExtension static final TestS3 s3 = TestS3.perClass(bucket);}: started over a fresh folder before
 * the class's {@code @BeforeAll}, stopped and the folder deleted after its last test.
 */
public final class TestS3 implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final String ACCESS = "facegate-test";
    private static final String SECRET = "facegate-test-secret";

    private final String bucket;
    private S3Proxy proxy;
    private S3Client client;
    private Path folder;

    private TestS3(String bucket) {
        this.bucket = bucket;
    }

    public static TestS3 start(Path dir, String bucket) throws Exception {
        TestS3 s3 = new TestS3(bucket);
        s3.startIn(dir);
        return s3;
    }

    /** Not started yet: the test class's extension starts it (see the class comment). */
    public static TestS3 perClass(String bucket) {
        return new TestS3(bucket);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        folder = Files.createTempDirectory("facegate-s3");
        startIn(folder);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void startIn(Path dir) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new DrainingBlobStore(new FilesystemNio2BlobStore(dir.toString())))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        client = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(CloudClients.s3Overrides())
                .build();
        client.createBucket(b -> b.bucket(bucket));
    }

    public S3Client client() {
        if (client == null) {
            throw new IllegalStateException("TestS3 for " + bucket + " is not started");
        }
        return client;
    }

    public String bucket() {
        return bucket;
    }

    public int port() {
        return proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }

    /**
     * Conditional PutObject as S3 does it, atomically ({@code If-None-Match: *}: 412 when the key exists;
     * {@code If-Match}: 412 when the ETag differs, 404 when the key is gone): s3proxy's file store checks neither
     * under a lock, and two concurrent claims must not both win. A refused PUT's body is read before the error goes
     * out: with the body unread, Jetty closes the socket, the kernel resets it, and the client may see a broken
     * connection instead of the 412.
     */
    private static final class DrainingBlobStore extends ForwardingBlobStore {
        private final ReentrantLock conditional = new ReentrantLock();

        DrainingBlobStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, java.io.InputStream payload) {
            try {
                if (request.ifNoneMatch() == null && request.ifMatch() == null) {
                    return delegate().putBlob(request, payload);
                }
                conditional.lock();
                try {
                    var current = delegate().blobMetadataIfPresent(request.bucket(), request.key());
                    if ("*".equals(request.ifNoneMatch()) && current != null) {
                        throw S3Exceptions.preconditionFailed(null);
                    }
                    if (request.ifMatch() != null && current == null) {
                        throw S3Exceptions.fromStatusCode(404);
                    }
                    if (request.ifMatch() != null && !unquoted(request.ifMatch()).equals(unquoted(current.eTag()))) {
                        throw S3Exceptions.preconditionFailed(null);
                    }
                    return delegate().putBlob(request.toBuilder().ifNoneMatch(null).ifMatch(null).build(), payload);
                } finally {
                    conditional.unlock();
                }
            } catch (RuntimeException e) {
                try {
                    payload.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException ignored) {
                    // the connection is gone either way
                }
                throw e;
            }
        }

        private static String unquoted(String eTag) {
            return eTag == null ? "" : eTag.replace("\"", "").trim();
        }
    }
}

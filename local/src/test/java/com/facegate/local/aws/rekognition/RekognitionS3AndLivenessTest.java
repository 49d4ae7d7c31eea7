package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.ACCESS_KEY;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.REGION;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.SECRET;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Images read from a real S3 wire endpoint (s3proxy), and the liveness extension read the way cloud code is meant
 * to: an SDK ExecutionInterceptor that keeps the raw response body while the typed client ignores the extra member.
 */
class RekognitionS3AndLivenessTest {

    @TempDir
    static Path dir;

    private static S3Proxy s3proxy;
    private static S3Client s3;
    private static RekognitionServer server;
    private static RekognitionClient rekognition;
    private static final RawBodyInterceptor RAW = new RawBodyInterceptor();

    @BeforeAll
    static void start() throws Exception {
        RekognitionTestSupport.faces();
        java.nio.file.Files.createDirectories(dir.resolve("s3"));
        FilesystemNio2BlobStore blobs = new FilesystemNio2BlobStore(dir.resolve("s3").toString());
        blobs.createContainer("facegate");
        s3proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET).build();
        s3proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(s3proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3proxy.getPort()))
                .forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .overrideConfiguration(com.facegate.cloud.CloudClients.s3Overrides())
                .build();
        server = server(dir.resolve("rekognition")).s3Client(s3).start();
        rekognition = RekognitionClient.builder().endpointOverride(server.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(RAW))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rekognition != null) {
            rekognition.close();
            server.close();
            s3.close();
            s3proxy.stop();
        }
    }

    @Test
    void searchesAnImageStoredInS3() throws Exception {
        rekognition.createCollection(r -> r.collectionId("s3"));
        byte[] enrol = photo("Nestor_Kirchner", 1);
        rekognition.indexFaces(r -> r.collectionId("s3").image(image(enrol)).externalImageId("badge-5"));
        s3.putObject(r -> r.bucket("facegate").key("captures/door-1/c-1.jpg"),
                RequestBody.fromBytes(photo("Nestor_Kirchner", 2)));

        SearchFacesByImageResponse found = rekognition.searchFacesByImage(r -> r.collectionId("s3")
                .image(i -> i.s3Object(o -> o.bucket("facegate").name("captures/door-1/c-1.jpg"))));
        assertThat(found.faceMatches()).extracting(m -> m.face().externalImageId()).containsExactly("badge-5");

        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(i -> i.s3Object(o -> o.bucket("facegate")
                .name("captures/door-1/missing.jpg"))))).isInstanceOf(InvalidS3ObjectException.class);
        byte[] huge = Arrays.copyOf(enrol, 16 * 1024 * 1024);
        s3.putObject(r -> r.bucket("facegate").key("captures/door-1/huge.jpg"), RequestBody.fromBytes(huge));
        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(i -> i.s3Object(o -> o.bucket("facegate")
                .name("captures/door-1/huge.jpg"))))).isInstanceOf(ImageTooLargeException.class);
    }

    @Test
    void livenessRidesAlongAsAnExtraMemberTheSdkIgnores() throws Exception {
        byte[] bytes = photo("Megawati_Sukarnoputri", 1);
        DetectFacesResponse typed = rekognition.detectFaces(r -> r.image(image(bytes)));
        assertThat(typed.faceDetails()).hasSize(1); // the typed response still unmarshals
        JsonNode liveness = RAW.last().path("FaceDetails").get(0).path("Liveness");
        assertThat(liveness.path("Score").floatValue()).isBetween(0f, 100f);
        assertThat(liveness.path("Confidence").floatValue()).isBetween(50f, 100f);
        assertThat(liveness.path("Value").booleanValue()).isEqualTo(liveness.path("Score").floatValue() >= 50f);

        rekognition.createCollection(r -> r.collectionId("live"));
        rekognition.indexFaces(r -> r.collectionId("live").image(image(bytes)));
        byte[] probe = photo("Megawati_Sukarnoputri", 2);
        rekognition.searchFacesByImage(r -> r.collectionId("live").image(image(probe)));
        JsonNode searched = RAW.last().path("SearchedFaceLiveness");
        assertThat(searched.path("Score").isNumber()).isTrue();
        System.out.println("liveness of LFW photos (printed news photos): detect=" + liveness + " search=" + searched);
    }

    /** What cloud code would register on its RekognitionClient to read the liveness extension. */
    static final class RawBodyInterceptor implements ExecutionInterceptor {
        private static final ObjectMapper JSON = new ObjectMapper();
        @SuppressWarnings("ThreadLocalUsage") // one per interceptor, as a client registers one
        private final ThreadLocal<JsonNode> last = new ThreadLocal<>();

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            Optional<InputStream> body = context.responseBody();
            if (body.isEmpty()) {
                return body;
            }
            try {
                byte[] bytes = body.get().readAllBytes();
                last.set(JSON.readTree(bytes));
                return Optional.of(new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode last() {
            return last.get();
        }
    }
}

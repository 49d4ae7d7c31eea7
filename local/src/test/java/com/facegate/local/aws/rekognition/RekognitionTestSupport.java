package com.facegate.local.aws.rekognition;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Image;

/** Shared set-up: one engine per test JVM, servers on port 0, real SDK clients, LFW photos. */
final class RekognitionTestSupport {
    static final String ACCESS_KEY = "AKIDFACEGATELOCAL";
    static final String SECRET = "local-test-secret-not-for-production";
    static final String REGION = "eu-west-1";

    private static FaceEngine engine;

    private RekognitionTestSupport() {}

    static synchronized FaceEngine engine() {
        if (engine == null) {
            engine = OnnxFaceEngine.load();
        }
        return engine;
    }

    static RekognitionServer.Builder server(Path dataDir) {
        return RekognitionServer.builder().engine(engine()).dataDirectory(dataDir)
                .credentials(Map.of(ACCESS_KEY, SECRET)).region(REGION).maxConcurrency(2).port(0)
                // Generous: other builds share the 2 cores; only the throttling test wants throttling.
                .throttleWait(java.time.Duration.ofSeconds(30));
    }

    static RekognitionClient client(RekognitionServer server) {
        return client(server, ACCESS_KEY, SECRET);
    }

    static RekognitionClient client(RekognitionServer server, String accessKey, String secret) {
        return RekognitionClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The LFW folder, or the test is skipped with the reason. */
    static Path faces() {
        String dir = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "lfw")),
                "LFW faces not found: set -Dfacegate.faces or FACEGATE_FACES to the shared faces folder");
        return Path.of(dir, "lfw");
    }

    static byte[] photo(String person, int number) throws IOException {
        return Files.readAllBytes(faces().resolve(person).resolve(String.format("%s_%04d.jpg", person, number)));
    }

    static Image image(byte[] bytes) {
        return Image.builder().bytes(SdkBytes.fromByteArrayUnsafe(bytes)).build();
    }

    /** Photos tiled into a grid (columns × rows of 250×250), as one JPEG: a crowd of distinct faces. */
    static byte[] grid(List<byte[]> photos, int columns) throws IOException {
        int rows = (photos.size() + columns - 1) / columns;
        BufferedImage canvas = new BufferedImage(columns * 250, rows * 250, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        for (int i = 0; i < photos.size(); i++) {
            BufferedImage photo = ImageIO.read(new java.io.ByteArrayInputStream(photos.get(i)));
            g.drawImage(photo, (i % columns) * 250, (i / columns) * 250, 250, 250, null);
        }
        g.dispose();
        return jpeg(canvas);
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    static URI endpoint(RekognitionServer server) {
        return server.endpoint();
    }
}

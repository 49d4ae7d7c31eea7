package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.ACCESS_KEY;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.REGION;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.SECRET;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.grid;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.jpeg;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

/** Bad, oversized and crowded images through the real SDK; the server must answer each sensibly and survive. */
class RekognitionHostileInputTest {

    @Test
    void hostileBatchGetsRekognitionErrorsAndTheServerStaysHealthy() throws Exception {
        RekognitionFixture.run((endpoint, rekognition) -> {
            rekognition.createCollection(r -> r.collectionId("doors"));
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();

            for (int round = 0; round < 3; round++) {
                byte[] text = "this is not an image, just words".repeat(100).getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(image(text))))
                        .isInstanceOf(InvalidImageFormatException.class);

                byte[] full = photo("Tony_Blair", 1);
                byte[] truncated = Arrays.copyOf(full, full.length / 2);
                assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(image(truncated))))
                        .isInstanceOf(InvalidImageFormatException.class);
                assertThatThrownBy(() -> rekognition.indexFaces(r -> r.collectionId("doors").image(image(truncated))))
                        .isInstanceOf(InvalidImageFormatException.class);

                byte[] sixMegabytes = Arrays.copyOf(full, 6 * 1024 * 1024); // a JPEG padded with zeros
                assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(image(sixMegabytes))))
                        .isInstanceOf(ImageTooLargeException.class);
                byte[] sevenMegabytes = new byte[7 * 1024 * 1024]; // base64 body beyond the request cap
                assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(image(sevenMegabytes))))
                        .isInstanceOf(ImageTooLargeException.class);

                byte[] bomb = pngHeader(20_000, 20_000);
                assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(image(bomb))))
                        .isInstanceOf(ImageTooLargeException.class);
            }
            assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(image(new byte[0]))))
                    .isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(i -> i.s3Object(s -> s.bucket("b")
                    .name("k")))))
                    .isInstanceOf(InvalidS3ObjectException.class);

            System.gc();
            long heapAfter = rt.totalMemory() - rt.freeMemory();
            System.out.printf("heap used before hostile batch %d MB, after %d MB%n", heapBefore >> 20, heapAfter >> 20);
            assertThat(heapAfter - heapBefore).isLessThan(256L << 20);
            // Still answering, and still recognising.
            assertThat(rekognition.listCollections(r -> { }).collectionIds()).contains("doors");
            byte[] ok = photo("Tony_Blair", 2);
            assertThat(rekognition.detectFaces(r -> r.image(image(ok))).faceDetails()).hasSize(1);
        });
    }

    @Test
    void rawSignedRequestsWithEmptyOrMalformedBodies() throws Exception {
        RekognitionFixture.run((endpoint, rekognition) -> {
            rekognition.createCollection(r -> r.collectionId("doors"));
            assertThat(signedPost(endpoint, "DetectFaces", "{\"Image\":{\"Bytes\":\"\"}}"))
                    .contains("400").contains("InvalidParameterException");
            assertThat(signedPost(endpoint, "DetectFaces", ""))
                    .contains("400").contains("InvalidParameterException");
            assertThat(signedPost(endpoint, "DetectFaces", "{\"Image\":"))
                    .contains("400").contains("SerializationException");
            assertThat(signedPost(endpoint, "DetectFaces", "[1,2,3]"))
                    .contains("400").contains("SerializationException");
            assertThat(signedPost(endpoint, "DetectFaces", "{\"Image\":{\"Bytes\":\"!!not base64!!\"}}"))
                    .contains("400").contains("InvalidParameterException");
            assertThat(signedPost(endpoint, "Nonsense", "{}"))
                    .contains("400").contains("UnknownOperationException");
            assertThat(signedPost(endpoint, "SearchFacesByImage",
                    "{\"CollectionId\":\"doors\",\"Image\":{\"Bytes\":\"AAAA\"},"
                    + "\"FaceMatchThreshold\":\"high\"}")).contains("400").contains("InvalidParameterException");
        });
    }

    @Test
    void noFaceIsInvalidParameterForSearch() throws Exception {
        RekognitionFixture.run((endpoint, rekognition) -> {
            rekognition.createCollection(r -> r.collectionId("doors"));
            BufferedImage empty = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = empty.createGraphics();
            g.setPaint(new GradientPaint(0, 0, Color.DARK_GRAY, 400, 300, Color.LIGHT_GRAY));
            g.fillRect(0, 0, 400, 300);
            g.dispose();
            byte[] wall = jpeg(empty);
            assertThat(rekognition.detectFaces(r -> r.image(image(wall))).faceDetails()).isEmpty();
            assertThatThrownBy(() -> rekognition.searchFacesByImage(r -> r.collectionId("doors").image(image(wall))))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("no faces");
            assertThat(rekognition.indexFaces(r -> r.collectionId("doors").image(image(wall))).faceRecords()).isEmpty();
        });
    }

    @Test
    void tenFacesInOneImage() throws Exception {
        RekognitionFixture.run((endpoint, rekognition) -> {
            String[] people = {"Colin_Powell", "Tony_Blair", "Hugo_Chavez", "Jacques_Chirac", "Jennifer_Capriati",
                "Lleyton_Hewitt", "Laura_Bush", "Nestor_Kirchner", "Andre_Agassi", "Tom_Ridge"};
            List<byte[]> photos = new ArrayList<>();
            for (String p : people) {
                photos.add(photo(p, 1));
            }
            byte[] crowd = grid(photos, 5);
            DetectFacesResponse response = rekognition.detectFaces(r -> r.image(image(crowd)));
            System.out.println("faces detected in a 5x2 grid of 10 LFW photos: " + response.faceDetails().size());
            assertThat(response.faceDetails().size()).isBetween(8, 12);
            // Largest first, each box inside the image.
            assertThat(response.faceDetails()).allSatisfy(f -> {
                assertThat(f.boundingBox().left()).isBetween(-0.05f, 1f);
                assertThat(f.boundingBox().top()).isBetween(-0.05f, 1f);
            });
        });
    }

    @Test
    void moreAnalysesThanTheLimitAreThrottled() throws Exception {
        List<byte[]> photos = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            photos.add(photo("Colin_Powell", i));
        }
        // Six different images: requests for the same image share one analysis and would not contend.
        List<byte[]> crowds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<byte[]> order = new ArrayList<>(photos);
            java.util.Collections.rotate(order, i);
            crowds.add(grid(order, 4));
        }
        UnaryOperator<RekognitionServer.Builder> narrow = server -> server.maxConcurrency(1)
                .throttleWait(java.time.Duration.ofMillis(1));
        RekognitionFixture.run(narrow, (endpoint, c) -> {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<String>> calls = new ArrayList<>();
            for (byte[] crowd : crowds) {
                calls.add(() -> {
                    try {
                        c.detectFaces(r -> r.image(image(crowd)));
                        return "ok";
                    } catch (RekognitionException e) {
                        return e.awsErrorDetails().errorCode();
                    }
                });
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            System.out.println("6 concurrent DetectFaces with maxConcurrency=1: " + outcomes);
            assertThat(outcomes).contains("ok").contains("ThrottlingException");
            assertThat(outcomes).allMatch(o -> o.equals("ok") || o.equals("ThrottlingException"));
            // Permits are released: a lone request afterwards succeeds.
            assertThat(c.detectFaces(r -> r.image(image(photos.get(0)))).faceDetails()).isNotEmpty();
        });
    }

    /** A PNG that is only a header: IHDR claims the size, no pixel data follows. */
    static byte[] pngHeader(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeBytes("IHDR");
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0});
        byte[] chunk = ihdr.toByteArray();
        data.writeInt(13);
        data.write(chunk);
        CRC32 crc = new CRC32();
        crc.update(chunk);
        data.writeInt((int) crc.getValue());
        data.writeInt(0);
        data.writeBytes("IEND");
        CRC32 end = new CRC32();
        end.update("IEND".getBytes(StandardCharsets.US_ASCII));
        data.writeInt((int) end.getValue());
        return out.toByteArray();
    }

    /** POSTs a body the SDK would not send, signed with the SDK signer; returns "status body". */
    private static String signedPost(URI endpoint, String operation, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "RekognitionService." + operation).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET)).request(request)
                .payload(() -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "rekognition"));
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> http.header(name, v));
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(http.build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}

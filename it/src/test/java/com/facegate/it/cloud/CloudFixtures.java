package com.facegate.it.cloud;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/** LFW photos by name, tiled images, and S3 events deserialized as the Lambda runtime does. */
final class CloudFixtures {
    private static final PojoSerializer<S3Event> EVENTS =
            LambdaEventSerializers.serializerFor(S3Event.class, CloudFixtures.class.getClassLoader());

    private CloudFixtures() {}

    static Path lfw() {
        String p = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        assumeTrue(p != null && Files.isDirectory(Path.of(p, "lfw")),
                "labelled faces not found (set -Dfacegate.faces or FACEGATE_FACES); skipping");
        return Path.of(p, "lfw");
    }

    /** {@code lfw/<Name>/<Name>_000n.jpg}. */
    static byte[] photo(String name, int n) {
        Path f = lfw().resolve(name).resolve(String.format("%s_%04d.jpg", name, n));
        assumeTrue(Files.isRegularFile(f), "missing LFW photo " + f.getFileName());
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two photos side by side in one JPEG: two people in frame. */
    static byte[] tiled(byte[] left, byte[] right) {
        try {
            BufferedImage a = ImageIO.read(new ByteArrayInputStream(left));
            BufferedImage b = ImageIO.read(new ByteArrayInputStream(right));
            BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()),
                    BufferedImage.TYPE_INT_RGB);
            out.getGraphics().drawImage(a, 0, 0, null);
            out.getGraphics().drawImage(b, a.getWidth(), 0, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "jpg", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose header claims 20000 x 20000 pixels: tiny file, hostile canvas. */
    static byte[] tiledHugePngHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
            java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13);
            ihdr.putInt(20000).putInt(20000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(out, "IHDR", ihdr.array());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static S3Event created(String bucket, String... keys) {
        String records = List.of(keys).stream().map(k -> """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",
                 "eventTime":"2026-11-28T08:00:00.123Z","eventName":"ObjectCreated:Put",
                 "userIdentity":{"principalId":"AWS:TEST"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
                 "responseElements":{"x-amz-request-id":"R","x-amz-id-2":"I"},
                 "s3":{"s3SchemaVersion":"1.0","configurationId":"test",
                   "bucket":{"name":"%s","ownerIdentity":{"principalId":"O"},"arn":"arn:aws:s3:::%s"},
                   "object":{"key":"%s","size":1,"eTag":"e","sequencer":"1"}}}
                """.formatted(bucket, bucket, URLEncoder.encode(k, StandardCharsets.UTF_8).replace("%2F", "/")))
                .collect(Collectors.joining(","));
        return EVENTS.fromJson(new ByteArrayInputStream(("{\"Records\":[" + records + "]}")
                .getBytes(StandardCharsets.UTF_8)));
    }
}

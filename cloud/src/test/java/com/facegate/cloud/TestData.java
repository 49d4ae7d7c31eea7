package com.facegate.cloud;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Shared test inputs: LFW faces (system property facegate.faces / env FACEGATE_FACES) and S3 event samples. */
public final class TestData {
    private TestData() {}

    public static Path facesDir() {
        String p = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        assumeTrue(p != null && Files.isDirectory(Path.of(p, "lfw")),
                "labelled faces not found (set -Dfacegate.faces or FACEGATE_FACES); skipping");
        return Path.of(p, "lfw");
    }

    /** The first photo (sorted) of the first person (sorted) in LFW: a real 250x250 JPEG with a face. */
    public static byte[] anyFaceJpeg() {
        try (Stream<Path> people = Files.list(facesDir()).sorted()) {
            Path person = people.filter(Files::isDirectory).findFirst().orElseThrow();
            try (Stream<Path> photos = Files.list(person).sorted()) {
                return Files.readAllBytes(photos.findFirst().orElseThrow());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path eventsDir() {
        String p = System.getProperty("facegate.events", System.getenv("FACEGATE_EVENTS"));
        assumeTrue(p != null && Files.isDirectory(Path.of(p)),
                "S3 event samples not found (set -Dfacegate.events or FACEGATE_EVENTS); skipping");
        return Path.of(p);
    }

    /** A PNG whose header claims 20000 x 20000 pixels: tiny file, hostile canvas. */
    public static byte[] hugePngHeader() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
            java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13);
            ihdr.putInt(20000).putInt(20000).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(out, "IHDR", ihdr.array());
            chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}

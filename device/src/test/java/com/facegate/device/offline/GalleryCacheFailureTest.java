package com.facegate.device.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 16, a full state disk: a gallery fetched from the bucket that cannot be cached on the door (its file cannot
 * be written) is still used, so that a revocation it carries reaches the offline decisions at once; the cache is
 * written again at the next sync that can.
 */
class GalleryCacheFailureTest {
    private static final String DOOR = "door-gallery-1";

    @TempDir
    Path dir;

    @Test
    void givenACacheThatCannotBeWritten_whenTheGallerySyncs_thenTheNewOneIsInUseAndCachedOnceItCanBe()
            throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path cache = dir.resolve("state").resolve("gallery.bin");
        Files.createDirectories(cache.getParent());
        Files.write(cache, GalleryCodec.encrypt(new Gallery(DOOR, Instant.now(), 2,
                Map.of("B-REVOKED", List.of(new float[] {0.6f, 0.8f}))), key));
        // Root writes into read-only folders, but nobody writes a file where a folder stands.
        Path tmp = Files.createDirectories(cache.resolveSibling("gallery.bin.tmp"));
        try (LocalStack stack = LocalStack.builder().dataDir(dir.resolve("stack")).host("127.0.0.1")
                .anyFreePorts().build().start()) {
            S3Client s3 = stack.s3Client();
            String bucket = stack.bucket();
            s3.putObject(b -> b.bucket(bucket).key("galleries/" + DOOR + ".bin"), RequestBody.fromBytes(
                    GalleryCodec.encrypt(new Gallery(DOOR, Instant.now(), 2,
                            Map.of("B-STILL-ALLOWED", List.of(new float[] {0.8f, 0.6f}))), key)));
            GalleryStore store = new GalleryStore(DOOR, key, cache, s3, bucket, "galleries/" + DOOR + ".bin");
            assertThat(store.current().orElseThrow().badges()).containsOnlyKeys("B-REVOKED");

            assertThat(store.resync()).isTrue();
            assertThat(store.current().orElseThrow().badges()).as("in use though not cached")
                    .containsOnlyKeys("B-STILL-ALLOWED");
            assertThat(GalleryCodec.decrypt(Files.readAllBytes(cache), key, DOOR).badges())
                    .as("the cache could not be replaced").containsOnlyKeys("B-REVOKED");

            Files.delete(tmp);
            assertThat(store.resync()).isTrue();
            assertThat(GalleryCodec.decrypt(Files.readAllBytes(cache), key, DOOR).badges())
                    .containsOnlyKeys("B-STILL-ALLOWED");
        }
    }
}

package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.credential.Presented;
import com.facegate.device.support.TestDoors;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import com.facegate.protocol.gallery.ModeSpan;
import com.pi4j.context.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 16 item 4: a running door on the real local stack, with its own bundle and so its own scoped S3
 * credentials (GetObject of its gallery only), picks up a republished gallery on its own: a revoked badge leaves
 * its offline gallery and a mode edit reaches its timeline within the refresh period, and no RESYNC is sent. An
 * unchanged gallery is not downloaded again, and with the stack gone the door keeps its gallery and goes on.
 */
class GalleryRefreshDoorTest {
    private static final String DOOR = "door-refresh-2";
    private static final Duration PERIOD = Duration.ofMillis(500);

    @TempDir
    Path dir;

    @Test
    void givenASyncedDoor_whenTheGalleryIsRepublished_thenRevocationAndModeEditArriveWithoutResync()
            throws Exception {
        LocalStack stack = LocalStack.builder().dataDir(dir.resolve("stack")).host("127.0.0.1").anyFreePorts()
                .build().start();
        Context pi4j = TestDoors.mockPi4j();
        try (stack; S3Client admin = stack.s3Client()) {
            DoorBundle bundle = stack.provisionDoor(DOOR);
            byte[] key = stack.galleryKeys().keyFor(DOOR);
            put(admin, stack.bucket(), key, new Gallery(DOOR, Instant.now(), 2, Map.of(
                    "B-ALICE", List.of(new float[] {0.6f, 0.8f}), "B-BOB", List.of(new float[] {0.8f, 0.6f}))));
            Path config = dir.resolve("door.properties");
            Path state = dir.resolve("state");
            Files.writeString(config, "bundle.properties=" + bundle.properties() + "\nstate.dir=" + state
                    + "\ndoor.contactPin=-1\n");
            try (DoorDaemon daemon = DoorDaemon.builder(DoorConfigLoader.load(config)).pi4j(pi4j).noCapture()
                    .galleryRefresh(PERIOD).start()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> daemon.gallery().current()
                        .map(g -> g.badges().containsKey("B-BOB")).orElse(false));

                // Unchanged: the door keeps confirming it with S3 (304) and does not download or rewrite it.
                Path cache = state.resolve("gallery.bin");
                FileTime written = Files.getLastModifiedTime(cache);
                Instant checked = daemon.gallery().checkedAt().orElseThrow();
                await().atMost(Duration.ofSeconds(10)).until(() -> daemon.gallery().checkedAt().orElseThrow()
                        .isAfter(checked.plus(PERIOD.multipliedBy(2))));
                assertThat(Files.getLastModifiedTime(cache)).as("not downloaded again").isEqualTo(written);

                // Bob is revoked: the publisher's next gallery lacks him; nobody sends a RESYNC.
                Instant revokedAt = Instant.now();
                put(admin, stack.bucket(), key, new Gallery(DOOR, revokedAt, 2,
                        Map.of("B-ALICE", List.of(new float[] {0.6f, 0.8f}))));
                await().atMost(Duration.ofSeconds(10)).until(() -> !daemon.gallery().current().orElseThrow()
                        .badges().containsKey("B-BOB"));
                assertThat(daemon.doorStatus().galleryGeneratedAt()).isEqualTo(revokedAt);

                // The door's modes are edited to FACE now: a card is then not taken (no capture held for it).
                Instant editedAt = Instant.now();
                put(admin, stack.bucket(), key, new Gallery(DOOR, editedAt, 2,
                        Map.of("B-ALICE", List.of(new float[] {0.6f, 0.8f})),
                        List.of(new ModeSpan(editedAt.minus(Duration.ofHours(1)), "FACE", false)),
                        editedAt.plus(Duration.ofHours(1))));
                await().atMost(Duration.ofSeconds(10)).until(() -> daemon.gallery().current().orElseThrow()
                        .modeAt(Instant.now()).map(ModeSpan::mode).orElse("").equals("FACE"));
                assertThat(daemon.doorController().presented(new Presented.Card("00704242", Instant.now())))
                        .as("card ignored in the FACE span").isFalse();
                DoorStatus status = daemon.doorStatus();
                assertThat(status.galleryGeneratedAt()).isEqualTo(editedAt);
                assertThat(status.galleryCheckedAt()).isAfterOrEqualTo(editedAt);

                // The stack goes away (S3 and broker): the door keeps its gallery and goes on deciding.
                stack.close();
                Instant lastChecked = daemon.gallery().checkedAt().orElseThrow();
                Thread.sleep(PERIOD.multipliedBy(4).toMillis()); // several refreshes, each failing
                assertThat(daemon.gallery().current().orElseThrow().badges()).containsOnlyKeys("B-ALICE");
                assertThat(daemon.gallery().checkedAt()).contains(lastChecked);
                assertThat(daemon.doorStatus().galleryGeneratedAt()).as("its age now shows").isEqualTo(editedAt);
                assertThat(daemon.doorController().presented(new Presented.Card("00704242", Instant.now())))
                        .isFalse();
            }
        } finally {
            pi4j.shutdown();
        }
    }

    private static void put(S3Client s3, String bucket, byte[] key, Gallery g) throws Exception {
        s3.putObject(b -> b.bucket(bucket).key("galleries/" + DOOR + ".bin"),
                RequestBody.fromBytes(GalleryCodec.encrypt(g, key)));
    }
}

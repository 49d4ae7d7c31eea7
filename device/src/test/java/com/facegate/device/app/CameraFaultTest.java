package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.config.DoorConfig;
import com.facegate.device.credential.Presented;
import com.facegate.device.credential.PresentedFactors;
import com.facegate.device.support.Faces;
import com.facegate.device.support.StandInCloud;
import com.facegate.device.support.TestDoors;
import com.facegate.engine.image.TestImages;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.Reasons;
import com.pi4j.context.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door's camera folder (the configured source, not a test double) fed hostile files: a real 30000×30000 PNG
 * bomb, a 60-byte PNG claiming 20000×20000 and a truncated JPEG of a face. The door drops each, keeps seeing the
 * good photos after them, and uploads only those; a camera that fails outright is restarted and audited.
 */
class CameraFaultTest {
    private static final String DOOR = "door-camera-1";

    @TempDir
    static Path dir;
    static StandInCloud cloud;

    @BeforeAll
    static void startStack() {
        // Stand-in for the decision Lambda: every capture is answered (DENY), so the door stays online.
        cloud = StandInCloud.start(dir, DOOR, ck -> Decision.deny(ck.doorId(), ck.captureId(), Reasons.NO_MATCH,
                null, null, Instant.now(), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopStack() {
        if (cloud != null) {
            cloud.close();
        }
    }

    private static DoorConfig config(String name, Path camera, boolean loop) throws Exception {
        return cloud.doorConfig(name, "capture.source=folder", "capture.location=" + camera, "capture.fps=2",
                "capture.loop=" + loop, "gate.bestFrameWindow=300ms", "gate.idleInterval=50ms",
                "gate.activeInterval=50ms", "gate.cooldown=60s");
    }

    private static long count(AuditEvent.Type type) {
        return cloud.count(type, null);
    }

    @Test
    void givenBombsAndATruncatedFaceInTheCameraFolder_thenLaterFacesAreSeenAndOnlyTheyAreUploaded() throws Exception {
        Path camera = Files.createDirectories(dir.resolve("camera-a"));
        byte[] powell = Files.readAllBytes(Faces.photo("Colin_Powell", 1));
        byte[] blair = Files.readAllBytes(Faces.photo("Tony_Blair", 1));
        byte[] half = Files.readAllBytes(Faces.photo("Colin_Powell", 2));
        Files.write(camera.resolve("1-powell.jpg"), powell);
        Files.write(camera.resolve("2-bomb.png"), TestImages.pngBomb(30_000, 30_000));
        Files.write(camera.resolve("3-claim.png"), TestImages.pngClaiming(20_000, 20_000));
        Files.write(camera.resolve("4-truncated.jpg"), Arrays.copyOf(half, half.length * 2 / 3));
        // An empty corridor between the two people, so that each is a visit of their own.
        java.awt.image.BufferedImage corridor = new java.awt.image.BufferedImage(250, 250,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        Files.write(camera.resolve("5-corridor.jpg"), TestImages.jpeg(corridor));
        Files.write(camera.resolve("6-blair.jpg"), blair);
        cloud.clear();
        List<String> uploaded = cloud.uploaded();
        Context pi4j = TestDoors.mockPi4j();
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-a", camera, false)).pi4j(pi4j)
                .engine(cloud.engine()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> daemon.captureLoop().finished());
            await().atMost(Duration.ofSeconds(40)).until(() -> uploaded.size() >= 2);
            Thread.sleep(500); // nothing else may follow
            assertThat(daemon.captureLoop().frames()).as("only the usable files reached the gate").isEqualTo(3);
            assertThat(daemon.captureLoop().cameraFaults()).isZero();
            assertThat(uploaded).hasSize(2).allMatch(k -> CaptureKey.parse(k).orElseThrow().doorId().equals(DOOR));
            assertThat(List.of(cloud.stored(uploaded.get(0)), cloud.stored(uploaded.get(1))))
                    .containsExactlyInAnyOrder(powell, blair);
            assertThat(count(AuditEvent.Type.CAMERA_FAULT)).isZero();
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void givenACameraThatFails_thenItIsRestartedWithBackoffAuditedAndSeesTheNextVisitor() throws Exception {
        Path camera = Files.createDirectories(dir.resolve("camera-b"));
        // A looping folder with nothing usable in it is a camera delivering no frames: it fails.
        Files.write(camera.resolve("1-bomb.png"), TestImages.pngBomb(30_000, 30_000));
        cloud.clear();
        List<String> uploaded = cloud.uploaded();
        Context pi4j = TestDoors.mockPi4j();
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-b", camera, true)).pi4j(pi4j)
                .engine(cloud.engine()).cameraRetry(Duration.ofMillis(100), Duration.ofMillis(400)).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> count(AuditEvent.Type.CAMERA_FAULT) == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.captureLoop().cameraFaults() >= 3);
            assertThat(daemon.captureLoop().cameraDown()).isTrue();
            assertThat(count(AuditEvent.Type.CAMERA_FAULT)).as("one record per outage, not per retry").isEqualTo(1);
            AuditEvent fault = cloud.audits().stream().filter(e -> e.type() == AuditEvent.Type.CAMERA_FAULT)
                    .findFirst().orElseThrow();
            assertThat(fault.reason()).isEqualTo("CAPTURE_FAILED");
            assertThat(fault.details()).containsEntry("error", "IOException");

            byte[] powell = Files.readAllBytes(Faces.photo("Colin_Powell", 1));
            Files.write(camera.resolve("2-powell.jpg"), powell); // the reopened camera sees it
            await().atMost(Duration.ofSeconds(20)).until(() -> count(AuditEvent.Type.CAMERA_RESTORED) == 1);
            assertThat(daemon.captureLoop().cameraDown()).isFalse();
            await().atMost(Duration.ofSeconds(20)).until(() -> !uploaded.isEmpty());
            assertThat(cloud.stored(uploaded.get(0))).isEqualTo(powell);
            assertThat(daemon.captureLoop().finished()).isFalse();
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void givenACardWhileTheCameraIsDown_thenTheVisitIsDeniedFactorTimeoutSayingTheCameraIsDown() throws Exception {
        Path camera = Files.createDirectories(dir.resolve("camera-c"));
        Files.write(camera.resolve("1-bomb.png"), TestImages.pngBomb(30_000, 30_000));
        cloud.clear();
        Context pi4j = TestDoors.mockPi4j();
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-c", camera, true)).pi4j(pi4j)
                .engine(cloud.engine()).cameraRetry(Duration.ofMillis(100), Duration.ofMillis(400)).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.captureLoop().cameraDown());
            daemon.doorController().presented(new Presented.Card("00704242", Instant.now()));

            Duration held = PresentedFactors.DEFAULT_WINDOW.plus(PresentedFactors.CLAIM_GRACE);
            await().atMost(held.plusSeconds(8)).until(() -> cloud.count(AuditEvent.Type.DENIED,
                    Reasons.FACTOR_TIMEOUT) == 1);
            AuditEvent denied = cloud.audits().stream().filter(e -> e.type() == AuditEvent.Type.DENIED)
                    .findFirst().orElseThrow();
            assertThat(denied.details()).containsEntry("cause", "camera down").containsEntry("missing", "face");
            assertThat(daemon.relay().energised()).isFalse();
            assertThat(cloud.uploaded()).isEmpty();
        } finally {
            pi4j.shutdown();
        }
    }
}

package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.config.DoorConfig;
import com.facegate.device.credential.Presented;
import com.facegate.device.credential.PresentedFactors;
import com.facegate.device.support.Faces;
import com.facegate.device.support.QueueFrameSource;
import com.facegate.device.support.StandInCloud;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.Decision;
import com.facegate.protocol.Reasons;
import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card at the door ends in a decision whoever is in view: with nobody there the door uploads a frame for it
 * when the card's window ends (card in the metadata, no liveness: no face was measured) and audits the decision
 * that comes back; a face inside the window carries the card instead, in one capture. The real local stack and
 * face engine; the stand-in cloud denies every capture FACE_REQUIRED, as the access handler does for a card with no
 * face (that rule is tested with the real handler in it's SecondFactorLocalStackTest): what is tested here is the
 * door's side, that a capture leaves and its decision is recorded.
 */
class CardAtTheDoorTest {
    private static final String DOOR = "door-card-1";
    private static final String CARD = "00704242";

    @TempDir
    static Path dir;
    static StandInCloud cloud;

    @BeforeAll
    static void startStack() {
        cloud = StandInCloud.start(dir, DOOR, ck -> Decision.deny(ck.doorId(), ck.captureId(), Reasons.FACE_REQUIRED,
                null, null, Instant.now(), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopStack() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @BeforeEach
    void forget() {
        cloud.clear();
    }

    private static DoorConfig config(String state) throws Exception {
        return cloud.doorConfig(state, "gate.bestFrameWindow=300ms", "gate.activeInterval=50ms",
                "gate.idleInterval=200ms", "gate.cooldown=60s");
    }

    private static Map<String, String> metadata(String captureId) {
        return cloud.stack().s3Client().headObject(b -> b.bucket(cloud.stack().bucket())
                .key(new CaptureKey(DOOR, captureId).key())).metadata();
    }

    private static List<String> decided() {
        return cloud.uploaded().stream().map(k -> CaptureKey.parse(k).orElseThrow().captureId()).distinct().toList();
    }

    @Test
    void givenACardAndNobodyInView_whenItsWindowEnds_thenAFrameIsUploadedWithTheCardAndItsDenyIsAudited()
            throws Exception {
        Context pi4j = TestDoors.mockPi4j();
        QueueFrameSource camera = new QueueFrameSource(); // an empty corridor
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-alone")).pi4j(pi4j).engine(cloud.engine())
                .frames(camera).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.link().online());
            Instant shown = Instant.now();
            daemon.doorController().presented(new Presented.Card(CARD, shown));

            Thread.sleep(PresentedFactors.DEFAULT_WINDOW.toMillis() - 2000);
            assertThat(daemon.doorController().uploads()).as("still waiting for a face").isZero();
            await().atMost(Duration.ofSeconds(15)).until(() -> cloud.count(AuditEvent.Type.DENIED,
                    Reasons.FACE_REQUIRED) == 1);

            assertThat(decided()).hasSize(1);
            AuditEvent denied = cloud.audits().stream().filter(e -> e.type() == AuditEvent.Type.DENIED)
                    .findFirst().orElseThrow();
            assertThat(denied.captureId()).isEqualTo(decided().get(0));
            assertThat(metadata(denied.captureId())).containsEntry(CaptureMetadata.CARD, CARD)
                    .doesNotContainKeys(CaptureMetadata.LIVENESS, CaptureMetadata.LIVENESS_CUES);
            assertThat(daemon.relay().energised()).isFalse();
            Thread.sleep(1500);
            assertThat(daemon.doorController().uploads()).as("the card went with one capture").isEqualTo(1);
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void givenACardThenAFaceInsideTheWindow_thenOneCaptureCarriesTheCardAndTheFacesLiveness() throws Exception {
        Context pi4j = TestDoors.mockPi4j();
        QueueFrameSource camera = new QueueFrameSource();
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-face")).pi4j(pi4j).engine(cloud.engine())
                .frames(camera).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.link().online());
            daemon.doorController().presented(new Presented.Card(CARD, Instant.now()));
            Thread.sleep(3000);
            camera.show(Faces.photo("Colin_Powell", 1), Faces.photo("Colin_Powell", 4),
                    Faces.photo("Colin_Powell", 7));

            await().atMost(Duration.ofSeconds(20)).until(() -> cloud.count(AuditEvent.Type.DENIED, null) == 1);
            assertThat(decided()).hasSize(1);
            assertThat(metadata(decided().get(0))).containsEntry(CaptureMetadata.CARD, CARD)
                    .containsKeys(CaptureMetadata.LIVENESS, CaptureMetadata.LIVENESS_CUES);
            // Past the card's window and its grace: no second capture for the card.
            Thread.sleep(PresentedFactors.DEFAULT_WINDOW.plus(PresentedFactors.CLAIM_GRACE).toMillis() - 3000);
            assertThat(daemon.doorController().uploads()).isEqualTo(1);
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void givenACardAndNoCameraAtAll_whenItsWindowAndGraceEnd_thenTheDoorAuditsOneFactorTimeout() throws Exception {
        Context pi4j = TestDoors.mockPi4j();
        // No capture loop: nothing will ever ask for the card, so only the door's tick can end the visit.
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-blind")).pi4j(pi4j).engine(cloud.engine())
                .noCapture().start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.link().online());
            daemon.doorController().presented(new Presented.Card(CARD, Instant.now()));

            Duration window = PresentedFactors.DEFAULT_WINDOW.plus(PresentedFactors.CLAIM_GRACE);
            await().atMost(window.plusSeconds(8)).until(() -> cloud.count(AuditEvent.Type.DENIED,
                    Reasons.FACTOR_TIMEOUT) == 1);

            AuditEvent denied = cloud.audits().stream().filter(e -> e.type() == AuditEvent.Type.DENIED)
                    .findFirst().orElseThrow();
            assertThat(denied.captureId()).isNull();
            assertThat(denied.details()).containsEntry("missing", "face").containsEntry("presented", "card")
                    .containsEntry("cause", "no camera running at this door");
            assertThat(denied.details().values()).noneMatch(v -> v.contains(CARD));
            assertThat(daemon.relay().energised()).isFalse();
            assertThat(daemon.doorController().uploads()).isZero();
            Thread.sleep(1500);
            assertThat(cloud.count(AuditEvent.Type.DENIED, null)).as("one record for the visit").isEqualTo(1);
        } finally {
            pi4j.shutdown();
        }
    }
}

package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.config.DoorConfig;
import com.facegate.device.support.Faces;
import com.facegate.device.support.QueueFrameSource;
import com.facegate.device.support.StandInCloud;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.Decision;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.LivenessCues;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door against the real local stack on loopback: HTTPS S3 (s3proxy, SigV4, local CA), S3 event → an
 * in-process handler standing in for the cloud's decision Lambda, the HiveMQ broker over mTLS with per-door ACLs,
 * the AWS IoT Device SDK on the door. Frames are LFW photos; the face engine is the real one.
 */
class LocalStackDoorTest {
    private static final String DOOR = "door-e2e-1";

    @TempDir
    static Path dir;
    static StandInCloud cloud;
    static final List<DoorStatus> statuses = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startStack() {
        // Stand-in for the access-decision Lambda: GRANT every capture of this door, published over MQTT.
        cloud = StandInCloud.start(dir, DOOR, ck -> Decision.grant(ck.doorId(), ck.captureId(), "B-E2E-1", 99.7,
                Instant.now(), Duration.ofSeconds(5)));
        cloud.stack().onDoorMessage((topic, payload) -> {
            if (topic.equals(Topics.status(DOOR))) {
                statuses.add(MessageCodec.decode(payload, DoorStatus.class));
            }
        });
    }

    @AfterAll
    static void stopStack() {
        if (cloud != null) {
            cloud.close();
        }
    }

    private static DoorConfig config(String state) throws Exception {
        return cloud.doorConfig(state, "door.unlockPulse=400ms", "gate.bestFrameWindow=300ms",
                "gate.activeInterval=50ms",
                // Longer than the whole test: the cooldown runs from the upload, however long the awaits take.
                "gate.cooldown=60s");
    }

    private static long count(AuditEvent.Type type, String reason) {
        return cloud.count(type, reason);
    }

    /** The capture ids the stand-in decided, in order. */
    private static List<String> decided() {
        return cloud.uploaded().stream().map(k -> CaptureKey.parse(k).orElseThrow().captureId()).toList();
    }

    @Test
    void givenFaceAtTheDoor_whenUploadedAndGranted_thenRelayPulsesOnceAndAuditArrivesOverMqtt() throws Exception {
        Context pi4j = TestDoors.mockPi4j();
        QueueFrameSource camera = new QueueFrameSource();
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-a")).pi4j(pi4j).engine(cloud.engine())
                .frames(camera).start()) {
            DigitalOutput relay = pi4j.io("relay-17", DigitalOutput.class);
            List<DigitalState> relayStates = new CopyOnWriteArrayList<>();
            relay.addListener(e -> relayStates.add(e.state()));
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.link().online());

            // One approach: three frames of the same person, then nobody.
            camera.show(Faces.photo("Colin_Powell", 1), Faces.photo("Colin_Powell", 4), Faces.photo("Colin_Powell", 7));

            await().atMost(Duration.ofSeconds(20)).until(() -> count(AuditEvent.Type.UNLOCKED, Reasons.MATCHED) == 1);
            // One capture; under load the door's S3 client may retry its PUT after a slow attempt, and S3 then
            // notifies twice for the key (as AWS does): the door still acts once (relay states below).
            assertThat(Set.copyOf(decided())).hasSize(1);
            await().atMost(Duration.ofSeconds(3)).until(() -> relayStates.size() >= 2);
            assertThat(relayStates).containsExactly(DigitalState.HIGH, DigitalState.LOW);
            assertThat(daemon.doorController().uploads()).isEqualTo(1);

            var head = cloud.stack().s3Client().headObject(b -> b.bucket(cloud.stack().bucket())
                    .key(new CaptureKey(DOOR, decided().get(0)).key()));
            assertThat(head.metadata()).containsEntry("door-id", DOOR).containsKeys("capture-time", "device-clock");
            // The door's liveness measure of the approach travels with the capture, as the cloud reads it.
            assertThat(Integer.parseInt(head.metadata().get(CaptureMetadata.LIVENESS))).isBetween(0, 100);
            assertThat(LivenessCues.parse(head.metadata().get(CaptureMetadata.LIVENESS_CUES)))
                    .hasValueSatisfying(cues -> assertThat(cues).containsKeys(LivenessCues.TEXTURE,
                            LivenessCues.BLINK, "motion", LivenessCues.MOIRE, LivenessCues.FRAMING,
                            LivenessCues.FAILED));
            assertThat(head.contentType()).isEqualTo("image/jpeg");

            // The same person still there: cooldown, no second upload.
            camera.show(Faces.photo("Colin_Powell", 5), Faces.photo("Colin_Powell", 6));
            Thread.sleep(1500);
            assertThat(daemon.doorController().uploads()).isEqualTo(1);
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void givenAStrangerRightBehindAGrantedPerson_whenBothPass_thenTwoCapturesAndATailgateIsAudited()
            throws Exception {
        Context pi4j = TestDoors.mockPi4j();
        QueueFrameSource camera = new QueueFrameSource();
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-t")).pi4j(pi4j).engine(cloud.engine())
                .frames(camera).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.link().online());
            long before = daemon.doorController().uploads();

            // Granted person, then a different one 300 ms later, inside the door's open window.
            camera.show(Faces.photo("Hugo_Chavez", 1));
            Thread.sleep(300);
            camera.show(Faces.photo("Aaron_Pena", 1));

            await().atMost(Duration.ofSeconds(20)).until(() -> count(AuditEvent.Type.TAILGATE_SUSPECTED, null) == 1);
            // The follower's capture is audited as a suspect as it is made, then uploaded for its own decision.
            await().atMost(Duration.ofSeconds(10)).until(() -> daemon.doorController().uploads() - before >= 2);
            Thread.sleep(500);
            assertThat(daemon.doorController().uploads() - before).as("one capture each").isEqualTo(2);
            AuditEvent tailgate = cloud.audits().stream().filter(e -> e.type() == AuditEvent.Type.TAILGATE_SUSPECTED)
                    .findFirst().orElseThrow();
            assertThat(tailgate.reason()).isEqualTo(Reasons.SECOND_FACE_AFTER_GRANT);
            assertThat(tailgate.details()).containsKey("grantedCapture");
            assertThat(tailgate.captureId()).isNotEqualTo(tailgate.details().get("grantedCapture"));
            assertThat(decided()).contains(tailgate.captureId(), tailgate.details().get("grantedCapture"));
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void givenRemoteUnlockOverTheBroker_whenRedelivered_thenOnlyTheFirstOneUnlocks() throws Exception {
        Context pi4j = TestDoors.mockPi4j();
        try (DoorDaemon daemon = DoorDaemon.builder(config("state-b")).pi4j(pi4j).noCapture().start()) {
            DigitalOutput relay = pi4j.io("relay-17", DigitalOutput.class);
            List<DigitalState> relayStates = new CopyOnWriteArrayList<>();
            relay.addListener(e -> relayStates.add(e.state()));
            // Online means every subscription was acknowledged (SUBACK): a command published now is delivered.
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.link().online());

            byte[] unlock = MessageCodec.encode(DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "ops@example.com",
                    "courier", Instant.now(), Duration.ofMinutes(1)));
            cloud.stack().publish(Topics.commands(DOOR), unlock, 1).join();
            cloud.stack().publish(Topics.commands(DOOR), unlock, 1).join();

            await().atMost(Duration.ofSeconds(10)).until(() -> count(AuditEvent.Type.REMOTE_UNLOCK, "courier") == 1
                    && count(AuditEvent.Type.IGNORED, Reasons.DUPLICATE) >= 1);
            await().atMost(Duration.ofSeconds(3)).until(() -> relayStates.size() == 2);
            assertThat(relayStates).containsExactly(DigitalState.HIGH, DigitalState.LOW);
            assertThat(cloud.audits()).filteredOn(e -> e.type() == AuditEvent.Type.REMOTE_UNLOCK)
                    .extracting(AuditEvent::requestedBy).containsExactly("ops@example.com");
            // Status on connect and on change: online, and the lock seen released during the pulse.
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses.stream().anyMatch(s -> s.online()
                    && s.lock() == DoorStatus.Lock.UNLOCKED && "0.1.0".equals(s.softwareVersion())));
            assertThat(statuses).allMatch(s -> s.doorId().equals(DOOR) && !s.lockdown());
        } finally {
            pi4j.shutdown();
        }
    }

}

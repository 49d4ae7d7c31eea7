package com.facegate.device.offline;

import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.app.DoorDaemon;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.support.Faces;
import com.facegate.device.support.QueueFrameSource;
import com.facegate.device.support.TestDoors;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * With the cloud (the whole local stack: S3 and broker) stopped, the door decides on its own against the gallery
 * it synced while online: an enrolled face is granted under LOCAL_MATCH, a stranger is not, and everyone is
 * denied under DENY_ALL. The offline decisions reach the broker after the stack comes back.
 */
class OfflineFallbackTest {
    private static final String ENROLLED = "Colin_Powell";
    private static final String BADGE = "B-OFF-7";

    @TempDir
    Path dir;
    static FaceEngine engine;

    @BeforeAll
    static void loadEngine() {
        Faces.lfw();
        engine = OnnxFaceEngine.load();
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private static float[] embedding(Path photo) throws Exception {
        return engine.analyze(Files.readAllBytes(photo), FaceEngine.Detail.DEFAULT).get(0).embedding();
    }

    /** Runs one offline visit scenario; returns the relay states seen and the audits received after reconnect. */
    @SuppressWarnings("try") // the daemon is closed inside its try on purpose: before the stack it talks to
    private List<AuditEvent> scenario(String doorId, String policy, List<Path> visitors, List<DigitalState> relayStates,
                                      int expectedOfflineDecisions) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path data = dir.resolve("stack");
        LocalStack stack = LocalStack.builder().dataDir(data).host("127.0.0.1").anyFreePorts().build().start();
        DoorBundle bundle = stack.provisionDoor(doorId);
        // The cloud publishes this door's gallery: the enrolled badge with three templates.
        List<float[]> templates = new ArrayList<>();
        for (int i : new int[] {1, 2, 4}) {
            templates.add(embedding(Faces.photo(ENROLLED, i)));
        }
        byte[] gallery = GalleryCodec.encrypt(new Gallery(doorId, Instant.now(), engine.embeddingSize(),
                Map.of(BADGE, templates)), key);
        stack.s3Client().putObject(b -> b.bucket(stack.bucket()).key("galleries/" + doorId + ".bin"),
                RequestBody.fromBytes(gallery));
        int s3Port = stack.s3Endpoint().getPort();
        int mqttPort = stack.mqttPort();
        int iotPort = stack.iotDataEndpoint().getPort();

        Path cfgFile = dir.resolve("device.properties");
        Path state = dir.resolve("state");
        Files.writeString(cfgFile, "bundle.properties=" + bundle.properties() + "\nstate.dir=" + state + "\n"
                + "door.contactPin=-1\ndoor.unlockPulse=300ms\ngate.bestFrameWindow=300ms\ngate.activeInterval=50ms\n"
                + "offline.policy=" + policy + "\noffline.after=1s\noffline.minSimilarity=99.5\n"
                + "offline.galleryKeyBase64=" + Base64.getEncoder().encodeToString(key) + "\n"
                + "mqtt.reconnectMinSecs=1\nmqtt.reconnectMaxSecs=2\n");
        Context pi4j = TestDoors.mockPi4j();
        QueueFrameSource camera = new QueueFrameSource();
        List<AuditEvent> audits = new CopyOnWriteArrayList<>();
        try (DoorDaemon daemon = DoorDaemon.builder(DoorConfigLoader.load(cfgFile)).pi4j(pi4j).engine(engine)
                .frames(camera).start()) {
            pi4j.io("relay-17", DigitalOutput.class).addListener(e -> relayStates.add(e.state()));
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.link().online()
                    && Files.exists(state.resolve("gallery.bin")));

            stack.close(); // the cloud goes away
            await().atMost(Duration.ofSeconds(20)).until(() -> daemon.doorStatus().offlineMode());

            for (Path visitor : visitors) {
                long visits = daemon.captureLoop().candidates();
                camera.show(visitor);
                // This visit's window closed and its best frame was decided (on the capture thread, before any
                // later frame) before the next person comes: one visit each.
                await().atMost(Duration.ofSeconds(10)).until(() -> daemon.captureLoop().candidates() > visits);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> daemon.journal().pending() >= expectedOfflineDecisions);

            LocalStack again = LocalStack.builder().dataDir(data).host("127.0.0.1").anyFreePorts().s3Port(s3Port)
                    .mqttPort(mqttPort).iotDataPort(iotPort).build().start();
            try {
                again.onAudit((topic, payload) -> audits.add(MessageCodec.decode(payload, AuditEvent.class)));
                await().atMost(Duration.ofSeconds(30)).until(() -> audits.stream()
                        .filter(a -> a.type() == AuditEvent.Type.OFFLINE_DECISION).count() >= expectedOfflineDecisions);
            } finally {
                daemon.close();
                again.close();
            }
        } finally {
            pi4j.shutdown();
        }
        return audits;
    }

    @Test
    void givenCloudStoppedAndLocalMatch_whenEnrolledFaceAndStrangerCome_thenOnlyTheEnrolledIsGrantedAndBothAudited()
            throws Exception {
        List<DigitalState> relay = new CopyOnWriteArrayList<>();
        List<AuditEvent> audits = scenario("door-offline-1", "LOCAL_MATCH",
                List.of(Faces.photo(ENROLLED, 5), Faces.photo("Hugo_Chavez", 1)), relay, 2);

        List<AuditEvent> offline = audits.stream().filter(a -> a.type() == AuditEvent.Type.OFFLINE_DECISION).toList();
        assertThat(offline).filteredOn(a -> "GRANT".equals(a.details().get("result")))
                .singleElement().satisfies(a -> {
                    assertThat(a.badgeId()).isEqualTo(BADGE);
                    assertThat(a.similarity()).isGreaterThanOrEqualTo(99.5);
                });
        assertThat(offline).filteredOn(a -> "DENY".equals(a.details().get("result")))
                .singleElement().satisfies(a -> assertThat(a.reason()).isEqualTo(Reasons.NO_MATCH));
        assertThat(relay).containsExactly(DigitalState.HIGH, DigitalState.LOW);
    }

    @Test
    void givenCloudStoppedAndDenyAll_whenEnrolledFaceComes_thenDeniedAndAudited() throws Exception {
        List<DigitalState> relay = new CopyOnWriteArrayList<>();
        List<AuditEvent> audits = scenario("door-offline-2", "DENY_ALL", List.of(Faces.photo(ENROLLED, 5)), relay, 1);

        assertThat(audits).filteredOn(a -> a.type() == AuditEvent.Type.OFFLINE_DECISION).singleElement()
                .satisfies(a -> {
                    assertThat(a.details()).containsEntry("result", "DENY");
                    assertThat(a.reason()).isEqualTo(Reasons.OFFLINE_DENY_ALL);
                });
        assertThat(relay).isEmpty();
    }
}

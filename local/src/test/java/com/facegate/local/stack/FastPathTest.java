package com.facegate.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.AccessDecisionHandler;
import com.facegate.cloud.access.CaptureAnnouncementHandler;
import com.facegate.cloud.access.LivenessCheck;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Registry;
import com.facegate.local.aws.mqtt.DeviceSdkDoor;
import com.facegate.local.doors.DoorBundle;
import com.facegate.protocol.CaptureAnnouncement;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fast path through the real local stack: a door (AWS IoT Device SDK over mTLS) announces its upload on its
 * captures topic, the broker routes it as the capture rule does, and the decision reaches the door before the S3
 * event, which arrives later and is skipped: one decision, one audit record. With the rule not routed, the S3 event
 * decides. An announcement of another door's key is not decided. S3 events are held back {@link #S3_DELAY} here,
 * as S3's notification takes its time, so which path decided shows in when the decision arrives.
 */
class FastPathTest {
    static final Duration S3_DELAY = Duration.ofSeconds(8);
    /** One door per test: a late decision of one test never reaches another's door. */
    static final String DOOR = "fast-door-01";
    static final String DOWN = "fast-door-03";
    static final String FORGER = "fast-door-04";
    static final String OTHER = "fast-door-02";

    @TempDir
    static Path dir;
    static LocalStack stack;
    static S3Client s3;
    static CloudClients clients;
    static final AtomicBoolean routed = new AtomicBoolean(true);
    static final List<CaptureAnnouncementHandler.Outcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().dataDir(dir).anyFreePorts().mqttPersistent(false)
                .retryBackoff(Duration.ofMillis(300)).build().start();
        s3 = stack.s3Client();
        // No face engine here: captures are not images and are decided INVALID_IMAGE before recognition.
        clients = new CloudClients(s3, LocalClients.rekognition(URI.create("https://127.0.0.1:1"), stack.region(),
                "none", "none", stack.caCertificate()), stack.iotDataClient());
        CloudConfig config = CloudConfig.defaults(stack.bucket());
        AccessDecisionHandler access = new AccessDecisionHandler(config, clients, Clock.systemUTC(),
                LivenessCheck.notAvailable(), AwsRetries.standard());
        CaptureAnnouncementHandler fast = new CaptureAnnouncementHandler(access, s3, stack.bucket(),
                Clock.systemUTC());
        RequestHandler<S3Event, Void> lateS3 = (event, ctx) -> {
            sleep(S3_DELAY);
            return access.handleRequest(event, ctx);
        };
        stack.registerS3Handler("captures", "captures/", ".jpg", lateS3);
        stack.onCaptureAnnouncement((topic, payload) -> {
            if (routed.get()) {
                ObjectNode withTopic = (ObjectNode) MessageCodec.mapper().readTree(payload);
                withTopic.put("topicDoorId", Topics.parse(topic).orElseThrow().doorId());
                outcomes.add(fast.accept(MessageCodec.mapper().writeValueAsBytes(withTopic)));
            }
        });
        Registry registry = new Registry(s3, stack.bucket(), Clock.systemUTC(), Duration.ZERO);
        registry.putDoor(new Door(DOOR, "Fast", "UTC", List.of("staff"), List.of()));
        for (String d : List.of(OTHER, DOWN, FORGER)) {
            registry.putDoor(new Door(d, d, "UTC", List.of("staff"), List.of()));
        }
    }

    @AfterAll
    static void stop() {
        clients.rekognition().close();
        clients.iot().close();
        s3.close();
        stack.close();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static DeviceSdkDoor connect(String doorId) throws Exception {
        DoorBundle b = stack.existingDoor(doorId).orElseGet(() -> stack.provisionDoor(doorId));
        DeviceSdkDoor door = DeviceSdkDoor.connect(stack.mqttHost(), stack.mqttPort(), doorId, b.certificate(),
                b.privateKey(), b.caCertificate());
        door.subscribe(Topics.decision(doorId)).get(5, TimeUnit.SECONDS);
        return door;
    }

    /** Uploads as the door does and returns the announcement it would publish. */
    static CaptureAnnouncement upload(String doorId) {
        CaptureKey k = new CaptureKey(doorId, CaptureKey.newCaptureId(Instant.now()));
        String eTag = s3.putObject(b -> b.bucket(stack.bucket()).key(k.key()).contentType("image/jpeg"),
                RequestBody.fromString("not a jpeg " + k.captureId())).eTag();
        return CaptureAnnouncement.of(k, eTag, null, Instant.now(), Duration.ofSeconds(8));
    }

    /** The decisions for this capture that reach the door within {@code d}. */
    static List<Decision> decisionsWithin(DeviceSdkDoor door, CaptureKey capture, Duration d) throws Exception {
        List<Decision> out = new ArrayList<>();
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            DeviceSdkDoor.Received r = door.received.poll(50, TimeUnit.MILLISECONDS);
            if (r != null && r.topic().equals(Topics.decision(capture.doorId()))) {
                Decision decision = MessageCodec.decode(r.payload(), Decision.class);
                if (decision.captureId().equals(capture.captureId())) {
                    out.add(decision);
                }
            }
        }
        return out;
    }

    static long auditRecords(String doorId, CaptureKey k) {
        return new AuditReader(s3, stack.bucket()).query(doorId, null, Instant.now().minusSeconds(300),
                Instant.now().plusSeconds(60)).stream().filter(r -> k.captureId().equals(r.event().captureId()))
                .count();
    }

    @Test
    void theAnnouncementDecidesBeforeTheS3EventWhichIsThenSkipped() throws Exception {
        routed.set(true);
        try (DeviceSdkDoor door = connect(DOOR)) {
            CaptureAnnouncement a = upload(DOOR);
            door.publish(Topics.captures(DOOR), MessageCodec.encodeToString(a), QualityOfService.AT_LEAST_ONCE,
                    false).get(5, TimeUnit.SECONDS);
            List<Decision> early = decisionsWithin(door, a.capture(), S3_DELAY.minusSeconds(1));
            assertThat(early).as("a decision before the S3 event was handed over").singleElement()
                    .satisfies(d -> assertThat(d.reason()).isEqualTo(Reasons.INVALID_IMAGE));
            assertThat(stack.awaitHandlersIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(decisionsWithin(door, a.capture(), Duration.ofMillis(500)))
                    .as("the S3 event decided nothing more").isEmpty();
            assertThat(auditRecords(DOOR, a.capture())).isEqualTo(1);
        }
    }

    @Test
    void withTheRuleNotRoutedTheS3EventStillDecides() throws Exception {
        routed.set(false);
        try (DeviceSdkDoor door = connect(DOWN)) {
            CaptureAnnouncement a = upload(DOWN);
            door.publish(Topics.captures(DOWN), MessageCodec.encodeToString(a), QualityOfService.AT_LEAST_ONCE,
                    false).get(5, TimeUnit.SECONDS);
            assertThat(decisionsWithin(door, a.capture(), S3_DELAY.minusSeconds(1))).as("nothing before S3's event")
                    .isEmpty();
            assertThat(decisionsWithin(door, a.capture(), Duration.ofSeconds(12))).as("decided once, by the S3 event")
                    .hasSize(1);
            assertThat(stack.awaitHandlersIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(auditRecords(DOWN, a.capture())).isEqualTo(1);
        } finally {
            routed.set(true);
        }
    }

    @Test
    void aDoorAnnouncingAnotherDoorsCaptureGetsNoDecisionFromIt() throws Exception {
        routed.set(true);
        outcomes.clear();
        try (DeviceSdkDoor door = connect(FORGER); DeviceSdkDoor other = connect(OTHER)) {
            CaptureAnnouncement theirs = upload(OTHER);
            // On its own topic, with the other door's key as its own capture: the capture rule refuses it.
            CaptureAnnouncement forged = new CaptureAnnouncement(theirs.schemaVersion(), theirs.id(), FORGER,
                    theirs.captureId(), theirs.key(), theirs.eTag(), null, theirs.issuedAt(), theirs.expiresAt());
            door.publish(Topics.captures(FORGER), MessageCodec.mapper().writeValueAsString(forged),
                    QualityOfService.AT_LEAST_ONCE, false).get(5, TimeUnit.SECONDS);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (outcomes.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.decided()).isFalse();
                assertThat(o.reason()).isEqualTo(Reasons.MALFORMED);
            });
            // Its own S3 event decides it later, once, for its own door; the forger's door gets nothing.
            assertThat(decisionsWithin(other, theirs.capture(), S3_DELAY.plusSeconds(10))).singleElement()
                    .satisfies(d -> assertThat(d.doorId()).isEqualTo(OTHER));
            assertThat(door.received).isEmpty();
        }
    }
}

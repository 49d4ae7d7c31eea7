package com.facegate.cloud.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.RecordingIotEndpoint;
import com.facegate.cloud.S3Events;
import com.facegate.cloud.TestClients;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.CaptureAnnouncement;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The fast path and the S3 event decide a capture once between them, in either order and concurrently; an
 * announcement is decided only for an object that exists at its own door's key with the ETag announced. Real S3
 * wire protocol (s3proxy) and a real HTTP IoT publish endpoint; the announcement arrives as the IoT rule hands it
 * over ({@code SELECT *, topic(3) AS topicDoorId}).
 */
class CaptureAnnouncementTest {
    static final String BUCKET = "facegate-fast";
    static final String DOOR = "front-door-01";
    static final String OTHER = "lab-door-02";

    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass(BUCKET);
    @RegisterExtension
    static final RecordingIotEndpoint iot = RecordingIotEndpoint.perClass();
    static CloudClients clients;
    static AccessDecisionHandler access;
    static CaptureAnnouncementHandler fast;

    @BeforeAll
    static void start() throws Exception {
        clients = TestClients.of(s3, TestClients.closedPort(), iot.uri());
        access = new AccessDecisionHandler(CloudConfig.defaults(BUCKET), clients, Clock.systemUTC(),
                LivenessCheck.notAvailable(), AwsRetries.standard().withSleeper(d -> { }));
        fast = new CaptureAnnouncementHandler(access, s3.client(), BUCKET, Clock.systemUTC());
        Registry registry = new Registry(s3.client(), BUCKET, Clock.systemUTC(), Duration.ZERO);
        registry.putDoor(new Door(DOOR, "Front", "Europe/Madrid", List.of("staff"), List.of()));
        registry.putDoor(new Door(OTHER, "Lab", "Europe/Madrid", List.of("staff"), List.of()));
    }

    @BeforeEach
    void clear() {
        iot.clear();
    }

    /** A capture as the door uploads it (not an image: decided INVALID_IMAGE before recognition); its ETag. */
    record Uploaded(CaptureKey key, String eTag) {}

    static Uploaded upload(String door) {
        Instant at = Instant.now();
        CaptureKey k = new CaptureKey(door, CaptureKey.newCaptureId(at));
        String eTag = s3.client().putObject(b -> b.bucket(BUCKET).key(k.key()).contentType("image/jpeg")
                .metadata(Map.of("door-id", door, "capture-time", at.toString())),
                RequestBody.fromString("not a jpeg " + k.captureId())).eTag();
        return new Uploaded(k, eTag);
    }

    /** What the IoT rule hands the function for a message published on {@code topicDoor}'s captures topic. */
    static byte[] viaRule(String topicDoor, CaptureAnnouncement a) throws Exception {
        // Not through MessageCodec.encode: a hostile door is not bound by our encoder's checks.
        ObjectNode tree = MessageCodec.mapper().valueToTree(a);
        tree.put("topicDoorId", topicDoor);
        return MessageCodec.mapper().writeValueAsBytes(tree);
    }

    static CaptureAnnouncement announce(Uploaded u) {
        return CaptureAnnouncement.of(u.key(), u.eTag(), null, Instant.now(), Duration.ofSeconds(8));
    }

    static List<AuditRecord> audit(String door, CaptureKey k) {
        return new AuditReader(s3.client(), BUCKET).query(door, null, Instant.now().minusSeconds(300),
                Instant.now().plusSeconds(60)).stream().filter(r -> k.captureId().equals(r.event().captureId()))
                .toList();
    }

    static void assertDecidedOnce(Uploaded u) throws Exception {
        List<RecordingIotEndpoint.Published> sent = iot.on(Topics.decision(u.key().doorId()));
        assertThat(sent).hasSize(1);
        Decision d = MessageCodec.decode(sent.get(0).payload(), Decision.class);
        assertThat(d.captureId()).isEqualTo(u.key().captureId());
        assertThat(d.reason()).isEqualTo(Reasons.INVALID_IMAGE);
        assertThat(audit(u.key().doorId(), u.key())).hasSize(1);
    }

    /** The S3 event's delivery as Lambda makes it: a busy capture fails the invocation, and it is retried. */
    static void s3Event(Uploaded u) {
        try {
            access.handleRequest(S3Events.created(BUCKET, u.key().key()), null);
        } catch (CaptureBusyException busy) {
            access.handleRequest(S3Events.created(BUCKET, u.key().key()), null);
        }
    }

    @Test
    void announcementFirstDecidesAndTheLaterS3EventIsSkipped() throws Exception {
        Uploaded u = upload(DOOR);
        assertThat(fast.accept(viaRule(DOOR, announce(u))).decided()).isTrue();
        s3Event(u);
        assertDecidedOnce(u);
    }

    @Test
    void s3EventFirstDecidesAndTheLaterAnnouncementIsSkipped() throws Exception {
        Uploaded u = upload(DOOR);
        s3Event(u);
        CaptureAnnouncementHandler.Outcome o = fast.accept(viaRule(DOOR, announce(u)));
        assertThat(o.decided()).isFalse();
        assertThat(o.reason()).isEqualTo(Reasons.DUPLICATE);
        assertDecidedOnce(u);
    }

    @RepeatedTest(3)
    void concurrentAnnouncementAndS3EventDecideOnce() throws Exception {
        Uploaded u = upload(DOOR);
        byte[] message = viaRule(DOOR, announce(u));
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> {
                barrier.await();
                return fast.accept(message);
            });
            Future<?> b = pool.submit(() -> {
                barrier.await();
                s3Event(u);
                return null;
            });
            a.get();
            b.get();
        } finally {
            pool.shutdownNow();
        }
        assertDecidedOnce(u);
    }

    @Test
    void anotherDoorsCaptureAMissingObjectOrAWrongETagIsNotDecided() throws Exception {
        Uploaded theirs = upload(OTHER);
        // Door front-door-01 announces lab-door-02's capture as lab-door-02's, on its own topic.
        CaptureAnnouncementHandler.Outcome wrongDoor = fast.accept(viaRule(DOOR, announce(theirs)));
        assertThat(wrongDoor.reason()).isEqualTo(Reasons.WRONG_DOOR);
        // ... or as its own message with the other door's key.
        CaptureAnnouncement a = announce(theirs);
        CaptureAnnouncement forged = new CaptureAnnouncement(a.schemaVersion(), a.id(), DOOR, a.captureId(), a.key(),
                a.eTag(), null, a.issuedAt(), a.expiresAt());
        CaptureAnnouncementHandler.Outcome otherKey = fast.accept(viaRule(DOOR, forged));
        assertThat(otherKey.reason()).isEqualTo(Reasons.MALFORMED);
        assertThat(otherKey.problem()).contains("key: not captures/{doorId}/{captureId}.jpg");

        CaptureKey never = new CaptureKey(DOOR, CaptureKey.newCaptureId(Instant.now()));
        CaptureAnnouncementHandler.Outcome missing = fast.accept(viaRule(DOOR, CaptureAnnouncement.of(never,
                theirs.eTag(), null, Instant.now(), Duration.ofSeconds(8))));
        assertThat(missing.reason()).isEqualTo(Reasons.UNKNOWN_CAPTURE);
        assertThat(missing.problem()).contains("no such object");

        Uploaded ours = upload(DOOR);
        CaptureAnnouncementHandler.Outcome wrongTag = fast.accept(viaRule(DOOR, CaptureAnnouncement.of(ours.key(),
                "\"0123456789abcdef0123456789abcdef\"", null, Instant.now(), Duration.ofSeconds(8))));
        assertThat(wrongTag.reason()).isEqualTo(Reasons.ETAG_MISMATCH);

        assertThat(iot.published()).isEmpty();
        assertThat(new DecisionLedger(s3.client(), BUCKET).recorded(theirs.key())).isEmpty();
        assertThat(audit(DOOR, ours.key())).isEmpty();
        // Not decided by the announcement, the capture is still decided by its S3 event.
        s3Event(ours);
        assertDecidedOnce(ours);
    }

    @Test
    void anExpiredOrUnreadableAnnouncementIsNotDecided() throws Exception {
        Uploaded u = upload(DOOR);
        Instant old = Instant.now().minusSeconds(60);
        assertThat(fast.accept(viaRule(DOOR, CaptureAnnouncement.of(u.key(), u.eTag(), null, old,
                Duration.ofSeconds(8)))).reason()).isEqualTo(Reasons.EXPIRED);
        String twice = new String(viaRule(DOOR, announce(u)), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"doorId\":", "\"doorId\":\"" + OTHER + "\",\"doorId\":");
        assertThat(fast.accept(twice.getBytes(java.nio.charset.StandardCharsets.UTF_8)).reason())
                .isEqualTo(Reasons.MALFORMED);
        assertThat(fast.accept(MessageCodec.encode(announce(u))).problem()).contains("topicDoorId");
        assertThat(iot.published()).isEmpty();
    }
}

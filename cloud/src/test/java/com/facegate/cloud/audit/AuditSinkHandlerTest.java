package com.facegate.cloud.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.TestS3;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.retry.RetryPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit sink over real S3: stores valid door messages, records refused ones, throws when it cannot store. */
class AuditSinkHandlerTest {
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("audit-test");
    static AuditSinkHandler sink;
    static AuditReader reader;
    static final RetryPolicy NO_WAIT = new RetryPolicy(3, AwsRetries.DELAYS, AwsRetries::retryable, d -> { });

    @BeforeAll
    static void start() throws Exception {
        sink = new AuditSinkHandler(new AuditWriter(s3.client(), "audit-test", Clock.systemUTC(), NO_WAIT));
        reader = new AuditReader(s3.client(), "audit-test");
    }

    static byte[] withTopic(AuditEvent e, String topicDoorId) {
        ObjectNode n = MessageCodec.mapper().valueToTree(e);
        n.put("topicDoorId", topicDoorId);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<AuditRecord> recent(String door) {
        return reader.query(door, null, Instant.now().minusSeconds(120), Instant.now().plusSeconds(120));
    }

    static byte[] fixture(String name) throws Exception {
        try (var in = AuditSinkHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }

    static List<AuditRecord> around(String door, String isoInstant) {
        Instant at = Instant.parse(isoInstant);
        return reader.query(door, null, at.minusSeconds(600), at.plusSeconds(600));
    }

    @Test
    void givenAwsIotLifecycleEvents_whenTheDoorConnectsAndDropsOff_thenBothAreAuditedOnceWithTheReason()
            throws Exception {
        assertThat(sink.accept(fixture("iot-presence-connected.json")).accepted()).isTrue();
        assertThat(sink.accept(fixture("iot-presence-disconnected.json")).accepted()).isTrue();
        assertThat(sink.accept(fixture("iot-presence-disconnected.json")).accepted()).isTrue(); // redelivered

        List<AuditRecord> got = around("door-presence-1", "2025-11-30T08:00:00Z");
        assertThat(got).extracting(r -> r.event().type())
                .containsExactlyInAnyOrder(AuditEvent.Type.DOOR_ONLINE, AuditEvent.Type.DOOR_OFFLINE);
        assertThat(got).allSatisfy(r -> {
            assertThat(r.rejected()).isFalse();
            assertThat(r.event().source()).isEqualTo(AuditEvent.SOURCE_CLOUD);
            assertThat(r.event().details()).containsEntry("session", "a4666d2a7d844ae4ac5d7b38c9cb7967");
        });
        AuditRecord offline = got.stream().filter(r -> r.event().type() == AuditEvent.Type.DOOR_OFFLINE)
                .findFirst().orElseThrow();
        assertThat(offline.event().reason()).isEqualTo("MQTT_KEEP_ALIVE_TIMEOUT");
        assertThat(offline.event().at()).isEqualTo(Instant.ofEpochMilli(1764489720456L));
    }

    @Test
    void givenALifecycleEventThatIsNotADoorsOrIsMalformed_whenSunk_thenItIsRecordedAsRejected() {
        String[] bad = {
            "{\"clientId\":\"door/+/#\",\"eventType\":\"connected\",\"timestamp\":1764489600123}",
            "{\"clientId\":\"door-x\",\"eventType\":\"exploded\",\"timestamp\":1764489600123}",
            "{\"clientId\":\"door-x\",\"eventType\":\"connected\",\"timestamp\":\"soon\"}",
            "{\"clientId\":\"door-x\",\"eventType\":\"disconnected\",\"timestamp\":99999999999999999}",
        };
        for (String b : bad) {
            AuditSinkHandler.Outcome o = sink.accept(b.getBytes(StandardCharsets.UTF_8));
            assertThat(o.accepted()).as(b).isFalse();
            assertThat(o.reason()).isEqualTo(Reasons.MALFORMED);
        }
        assertThat(recent("door-x")).isEmpty();
    }

    @Test
    void givenADoorPublishingSomethingShapedLikeALifecycleEvent_whenSunk_thenItIsNotTakenForOne() {
        // Arrives through the audit rule, which always adds topicDoorId: it is judged as a door message.
        String forged = "{\"clientId\":\"door-other\",\"eventType\":\"disconnected\",\"timestamp\":1764489600123,"
                + "\"topicDoorId\":\"door-rogue-2\"}";
        AuditSinkHandler.Outcome o = sink.accept(forged.getBytes(StandardCharsets.UTF_8));
        assertThat(o.accepted()).isFalse();
        assertThat(around("door-other", "2025-11-30T08:00:00Z")).isEmpty();
    }

    @Test
    void aValidDoorMessageIsStoredAsJsonLinesUnderTheDatePartition() throws Exception {
        AuditEvent e = AuditEvent.of("door-a", AuditEvent.Type.UNLOCKED, AuditEvent.SOURCE_DEVICE, Instant.now())
                .withCapture("2026-11-28T08:00:00.120Z_7f3c9a1e").withBadge("B-1", 99.5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sink.handleRequest(new ByteArrayInputStream(withTopic(e, "door-a")), out, null);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"accepted\":true");
        List<AuditRecord> got = recent("door-a");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).event()).isEqualTo(e);
        assertThat(got.get(0).rejected()).isFalse();
        assertThat(got.get(0).key()).matches("audit/\\d{4}/\\d{2}/\\d{2}/[^/]+\\.jsonl");
    }

    @Test
    void givenAnOfflineDecisionResentAfterAReconnect_whenSunkTwice_thenOneRecordIsStored() {
        AuditEvent e = AuditEvent.of("door-resend", AuditEvent.Type.OFFLINE_DECISION, AuditEvent.SOURCE_DEVICE,
                Instant.now()).withCapture("2026-11-28T08:00:00.120Z_7f3c9a1e").withReason(Reasons.OFFLINE_DENY_ALL)
                .withDetails(java.util.Map.of("result", "DENY", "policy", "DENY_ALL"));
        AuditSinkHandler.Outcome first = sink.accept(withTopic(e, "door-resend"));
        AuditSinkHandler.Outcome again = sink.accept(withTopic(e, "door-resend"));

        assertThat(first.accepted()).isTrue();
        assertThat(again.accepted()).isTrue();
        assertThat(again.key()).isEqualTo(first.key());
        assertThat(recent("door-resend")).singleElement().satisfies(r -> assertThat(r.event()).isEqualTo(e));
    }

    @Test
    void givenTwoEventsOfOneDoorWithDifferentIds_whenSunk_thenBothAreStored() {
        Instant at = Instant.now();
        AuditEvent a = AuditEvent.of("door-twice", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, at)
                .withCapture("2026-11-28T08:00:00.120Z_00000001").withReason(Reasons.UPLOAD_FAILED);
        AuditEvent b = AuditEvent.of("door-twice", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, at)
                .withCapture("2026-11-28T08:00:00.120Z_00000001").withReason(Reasons.UPLOAD_FAILED);
        sink.accept(withTopic(a, "door-twice"));
        sink.accept(withTopic(b, "door-twice"));

        assertThat(recent("door-twice")).extracting(r -> r.event().id()).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    void aDoorCannotWriteAnotherDoorsAuditAndTheAttemptIsRecorded() {
        AuditEvent e = AuditEvent.of("door-victim", AuditEvent.Type.UNLOCKED, AuditEvent.SOURCE_DEVICE, Instant.now());
        AuditSinkHandler.Outcome o = sink.accept(withTopic(e, "door-rogue"));
        assertThat(o.accepted()).isFalse();
        assertThat(o.reason()).isEqualTo(Reasons.WRONG_DOOR);
        assertThat(recent("door-victim")).isEmpty();
        List<AuditRecord> rogue = recent("door-rogue");
        assertThat(rogue).hasSize(1);
        assertThat(rogue.get(0).rejected()).isTrue();
        assertThat(rogue.get(0).event().reason()).isEqualTo(Reasons.WRONG_DOOR);
        assertThat(rogue.get(0).event().details()).containsKey("payloadSha256");
    }

    @Test
    void malformedMessagesAreRecordedNotDropped() {
        assertThat(sink.accept("{not json".getBytes(StandardCharsets.UTF_8)).reason()).isEqualTo(Reasons.MALFORMED);
        assertThat(sink.accept(new byte[0]).reason()).isEqualTo(Reasons.MALFORMED);
        assertThat(sink.accept("{\"type\":\"UNLOCKED\",\"topicDoorId\":\"door-m\"}".getBytes(StandardCharsets.UTF_8))
                .reason())
                .isEqualTo(Reasons.MALFORMED);
        AuditEvent forged = AuditEvent.of("door-m", AuditEvent.Type.DECISION, AuditEvent.SOURCE_CLOUD, Instant.now());
        assertThat(sink.accept(withTopic(forged, "door-m")).accepted()).isFalse();
        assertThat(sink.accept(new byte[200_000]).accepted()).isFalse();
        List<AuditRecord> m = recent("door-m");
        assertThat(m).hasSize(2).allMatch(AuditRecord::rejected);
        assertThat(m).extracting(r -> r.event().details().get("problems"))
                .anyMatch(p -> p.contains("source must be device"));
    }

    @Test
    void whenS3CannotBeWrittenTheInvocationThrowsSoThePlatformRetries() {
        AuditSinkHandler broken = new AuditSinkHandler(
                new AuditWriter(s3.client(), "no-such-bucket", Clock.systemUTC(), NO_WAIT));
        AuditEvent e = AuditEvent.of("door-x", AuditEvent.Type.DOOR_FORCED, AuditEvent.SOURCE_DEVICE, Instant.now());
        assertThatThrownBy(() -> broken.accept(withTopic(e, "door-x")))
                .isInstanceOf(AuditWriter.AuditWriteException.class);
    }

    @Test
    void readerFiltersByBadgeAndTime() {
        AuditWriter w = new AuditWriter(s3.client(), "audit-test", Clock.systemUTC(), NO_WAIT);
        Instant t = Instant.now().minus(Duration.ofDays(2));
        w.writeAll(List.of(
                AuditEvent.of("door-q", AuditEvent.Type.UNLOCKED, AuditEvent.SOURCE_DEVICE, t).withBadge("B-7", 99.0),
                AuditEvent.of("door-q", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, t.plusSeconds(10))
                        .withBadge("B-8", null)));
        assertThat(reader.query(null, "B-7", t.minusSeconds(1), t.plusSeconds(60))).hasSize(1);
        assertThat(reader.query("door-q", null, t.minusSeconds(1), t.plusSeconds(60))).hasSize(2);
        assertThat(reader.query("door-q", null, t.plusSeconds(1), t.plusSeconds(60))).hasSize(1);
        assertThat(reader.query("door-q", null, t.plusSeconds(3600), t.plusSeconds(7200))).isEmpty();
    }
}

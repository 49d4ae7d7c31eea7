package com.facegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void decisionRoundTripsAndIgnoresUnknownFields() throws Exception {
        Decision d = Decision.grant("front-door-01", "2026-11-28T08:00:00.120Z_7f3c9a1e", "B-1", 99.7, NOW,
                Duration.ofSeconds(5));
        String json = MessageCodec.encodeToString(d);
        assertThat(json).contains("\"issuedAt\":\"2026-11-28T08:00:00Z\"").contains("\"result\":\"GRANT\"");

        String withExtra = json.replaceFirst("\\{", "{\"futureField\":{\"x\":1},");
        assertThat(MessageCodec.decode(withExtra, Decision.class)).isEqualTo(d);
    }

    @Test
    void rejectsEveryProblemAtOnce() {
        String json = "{\"schemaVersion\":9,\"id\":\"x\",\"doorId\":\"a/#\",\"result\":\"GRANT\","
                + "\"issuedAt\":\"2026-11-28T08:00:05Z\",\"expiresAt\":\"2026-11-28T08:00:00Z\"}";
        assertThatThrownBy(() -> MessageCodec.decode(json, Decision.class))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.problems()).contains(
                        "schemaVersion: unsupported 9 (this door reads 1..1)",
                        "id: not 8-128 letters, digits or . _ : -", "doorId: invalid", "captureId: missing",
                        "reason: missing", "expiresAt: not after issuedAt", "badgeId: missing"));
    }

    @Test
    void rejectsMalformedEmptyOversizedAndUnknownCommandTypes() {
        assertThatThrownBy(() -> MessageCodec.decode("{not json", Decision.class))
                .isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decode(new byte[0], Decision.class))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> MessageCodec.decode(new byte[MessageCodec.MAX_BYTES + 1], Decision.class))
                .hasMessageContaining("larger");
        DoorCommand c = DoorCommand.of("d1", DoorCommand.Type.UNLOCK, "admin@example.com", "delivery", NOW,
                Duration.ofSeconds(30));
        String json = MessageCodec.encodeToString(c).replace("\"UNLOCK\"", "\"OPEN_ALL_DOORS\"");
        assertThatThrownBy(() -> MessageCodec.decode(json, DoorCommand.class))
                .isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decode("[]", DoorCommand.class))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void auditKeepsUnknownTypesFromNewerWriters() throws Exception {
        AuditEvent e = AuditEvent.of("d1", AuditEvent.Type.UNLOCKED, AuditEvent.SOURCE_DEVICE, NOW)
                .withCapture("cap-0001");
        String json = MessageCodec.encodeToString(e).replace("\"UNLOCKED\"", "\"SOMETHING_NEW\"");
        assertThat(MessageCodec.decode(json, AuditEvent.class).type()).isEqualTo(AuditEvent.Type.UNKNOWN);
        assertThat(json).doesNotContain("\"badgeId\"");
    }

    @Test
    void aStatusWithoutDiskFieldsFromAnOlderDoorParsesWithTheDiskUnknown() throws Exception {
        DoorStatus s = DoorStatus.of("d1", NOW, true, DoorStatus.Lock.LOCKED, DoorStatus.Contact.CLOSED, false, false,
                "0.1.0", 3);
        String older = "{\"schemaVersion\":1,\"id\":\"" + s.id() + "\",\"doorId\":\"d1\",\"at\":\"" + NOW
                + "\",\"online\":true,\"lock\":\"LOCKED\",\"door\":\"CLOSED\",\"lockdown\":false,"
                + "\"offlineMode\":false,\"softwareVersion\":\"0.1.0\",\"pendingAudit\":3}";
        DoorStatus parsed = MessageCodec.decode(older, DoorStatus.class);
        assertThat(parsed).isEqualTo(s);
        assertThat(parsed.diskFault()).isNull();
        assertThat(parsed.diskFreeBytes()).isNull();

        DoorStatus full = MessageCodec.decode(MessageCodec.encode(s.withDisk(true, 1024)), DoorStatus.class);
        assertThat(full.diskFault()).isTrue();
        assertThat(full.diskFreeBytes()).isEqualTo(1024L);
        assertThat(full.withDisk(false, 0).id()).isEqualTo(s.id());
        assertThat(parsed.galleryGeneratedAt()).isNull();

        DoorStatus gallery = MessageCodec.decode(MessageCodec.encode(s.withDisk(false, 1).withGallery(
                NOW.minusSeconds(90), NOW.minusSeconds(30))), DoorStatus.class);
        assertThat(gallery.galleryGeneratedAt()).isEqualTo(NOW.minusSeconds(90));
        assertThat(gallery.galleryCheckedAt()).isEqualTo(NOW.minusSeconds(30));
        assertThat(gallery.diskFreeBytes()).isEqualTo(1L);
    }

    @Test
    void refusesToEncodeInvalidMessages() {
        Decision bad = new Decision(1, "id-000001", "d1", "cap-0001", Decision.Result.GRANT, "MATCHED", null, 99.0,
                NOW, NOW.plusSeconds(5));
        assertThatThrownBy(() -> MessageCodec.encode(bad)).hasMessageContaining("badgeId: missing");
    }
}

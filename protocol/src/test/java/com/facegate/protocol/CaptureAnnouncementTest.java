package com.facegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fast path's announcement: round trip, and the codec's rules (duplicate keys, bounded validity, own key). */
class CaptureAnnouncementTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final CaptureKey CAPTURE = new CaptureKey("front-door-01", "2026-11-28T08:00:00.120Z_7f3c9a1e");
    private static final String ETAG = "\"9b2cf535f27731c974343645a3985328\"";

    private static CaptureAnnouncement announcement() {
        return CaptureAnnouncement.of(CAPTURE, ETAG, null, NOW, Duration.ofSeconds(8));
    }

    private static InvalidMessageException refused(String json) {
        try {
            MessageCodec.decode(json, CaptureAnnouncement.class);
        } catch (InvalidMessageException e) {
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void roundTripsOnTheDoorsCapturesTopic() throws Exception {
        CaptureAnnouncement sent = announcement();
        CaptureAnnouncement back = MessageCodec.decode(MessageCodec.encodeToString(sent), CaptureAnnouncement.class);
        assertThat(back).isEqualTo(sent);
        assertThat(back.capture()).isEqualTo(CAPTURE);
        assertThat(back.key()).isEqualTo("captures/front-door-01/2026-11-28T08:00:00.120Z_7f3c9a1e.jpg");
        assertThat(Topics.captures("front-door-01")).isEqualTo("facegate/doors/front-door-01/captures");
        assertThat(Topics.parse("facegate/doors/front-door-01/captures"))
                .hasValueSatisfying(t -> assertThat(t.kind().doorPublishes()).isTrue());
    }

    @Test
    void anotherDoorsKeyIsRefusedByName() {
        String json = MessageCodec.encodeToString(announcement()).replace("captures/front-door-01/",
                "captures/lab-door-02/");
        assertThat(refused(json).problems())
                .containsExactly("key: not captures/{doorId}/{captureId}.jpg of this door and capture");
    }

    @Test
    void duplicateKeysAreMalformedNotLastOneWins() {
        String json = MessageCodec.encodeToString(announcement()).replace("\"eTag\":",
                "\"eTag\":\"00000000000000000000000000000000\",\"eTag\":");
        assertThat(refused(json).first()).isEqualTo(new Problem("eTag", "duplicate key"));
    }

    @Test
    void validityIsBoundedAndTheETagMustLookLikeOne() {
        CaptureAnnouncement forAnHour = CaptureAnnouncement.of(CAPTURE, ETAG, null, NOW, Duration.ofHours(1));
        assertThatThrownBy(() -> MessageCodec.encode(forAnHour))
                .hasMessageContaining("expiresAt: more than 5 minutes after issuedAt");
        String badTag = MessageCodec.encodeToString(announcement()).replace(ETAG.replace("\"", "\\\""),
                "x\\r\\nFAKE");
        assertThat(refused(badTag).problems()).containsExactly("eTag: not an S3 ETag");
        String noTag = MessageCodec.encodeToString(announcement()).replaceFirst(",\"eTag\":\"[^,]*,", ",");
        assertThat(refused(noTag).problems()).contains("eTag: missing");
    }
}

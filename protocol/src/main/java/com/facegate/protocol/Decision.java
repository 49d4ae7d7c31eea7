package com.facegate.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cloud's answer for one capture, published on {@code facegate/doors/{doorId}/decision}. A door acts on a
 * GRANT only for a capture it has pending, before {@link #expiresAt} (at most {@link Validity#MAX} after
 * {@link #issuedAt}), once.
 */
public record Decision(
        int schemaVersion,
        String id,
        String doorId,
        String captureId,
        Result result,
        String reason,
        String badgeId,
        Double similarity,
        Instant issuedAt,
        Instant expiresAt) implements Message {

    public enum Result { GRANT, DENY }

    public static Decision grant(String doorId, String captureId, String badgeId, Double similarity,
                                 Instant now, Duration ttl) {
        return new Decision(SCHEMA_VERSION, Checks.newId(), doorId, captureId, Result.GRANT, Reasons.MATCHED,
                badgeId, similarity, now, now.plus(ttl));
    }

    public static Decision deny(String doorId, String captureId, String reason, String badgeId, Double similarity,
                                Instant now, Duration ttl) {
        return new Decision(SCHEMA_VERSION, Checks.newId(), doorId, captureId, Result.DENY, reason,
                badgeId, similarity, now, now.plus(ttl));
    }

    public boolean isGrant() {
        return result == Result.GRANT;
    }

    @Override
    public List<Problem> violations() {
        Checks c = Checks.of(this);
        if (!CaptureKey.isValidCaptureId(captureId)) {
            c.add("captureId", captureId == null ? "missing" : "invalid");
        }
        c.present("result", result).text("reason", reason, true)
                .window(issuedAt, expiresAt, "issuedAt", "expiresAt", Validity.MAX);
        if (result == Result.GRANT) {
            c.text("badgeId", badgeId, true);
        }
        if (similarity != null && (similarity.isNaN() || similarity < 0 || similarity > 100)) {
            c.add("similarity", "outside 0..100");
        }
        return c.done();
    }
}

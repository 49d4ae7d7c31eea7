package com.facegate.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An admin's command to one door on {@code facegate/doors/{doorId}/commands}: remote unlock, lock-down, lift
 * lock-down or resync. Every command carries who asked and why, and expires at most {@link Validity#MAX} after it
 * was issued; a door honours each requestId once.
 */
public record DoorCommand(
        int schemaVersion,
        String requestId,
        String doorId,
        Type type,
        String requestedBy,
        String reason,
        Instant issuedAt,
        Instant expiresAt) implements Message {

    public enum Type { UNLOCK, LOCKDOWN, LIFT_LOCKDOWN, RESYNC }

    public static DoorCommand of(String doorId, Type type, String requestedBy, String reason, Instant now,
            Duration ttl) {
        return new DoorCommand(SCHEMA_VERSION, Checks.newId(), doorId, type, requestedBy, reason, now, now.plus(ttl));
    }

    @Override
    public String id() {
        return requestId;
    }

    @Override
    public List<Problem> violations() {
        return Checks.of(this)
                .present("type", type)
                .text("requestedBy", requestedBy, true)
                .text("reason", reason, true)
                .window(issuedAt, expiresAt, "issuedAt", "expiresAt", Validity.MAX)
                .done();
    }
}

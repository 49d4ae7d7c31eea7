package com.facegate.device.decision;

import com.facegate.protocol.Decision;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides whether a decision message may be acted on. Order matters: the cheapest and most specific reason
 * wins, and nothing is remembered as honoured unless every check passed. Lateness is checked against both the
 * cloud's {@code expiresAt} (with a small allowance for clock skew between cloud and Pi) and the door's own
 * deadline for the capture (which needs no allowance: it is the door's own clock).
 */
public final class DecisionGate {
    private final String doorId;
    private final PendingCaptures pending;
    private final HonouredIds honoured;
    private final Clock clock;
    private final Duration clockSkew;
    private final BooleanSupplier lockdown;

    public DecisionGate(String doorId, PendingCaptures pending, HonouredIds honoured, Clock clock, Duration clockSkew,
                        BooleanSupplier lockdown) {
        this.doorId = doorId;
        this.pending = pending;
        this.honoured = honoured;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.lockdown = lockdown;
    }

    public synchronized Verdict evaluate(byte[] payload) {
        Decision d;
        try {
            d = MessageCodec.decode(payload, Decision.class);
        } catch (InvalidMessageException e) {
            return Verdict.ignore(Reasons.MALFORMED, null);
        }
        if (!doorId.equals(d.doorId())) {
            return Verdict.ignore(Reasons.WRONG_DOOR, d);
        }
        if (honoured.contains("d:" + d.id()) || pending.wasDecided(d.captureId())) {
            return Verdict.ignore(Reasons.DUPLICATE, d);
        }
        Optional<PendingCaptures.Pending> p = pending.get(d.captureId());
        if (p.isEmpty()) {
            return Verdict.ignore(Reasons.UNKNOWN_CAPTURE, d);
        }
        Instant now = clock.instant();
        if (now.isAfter(d.expiresAt().plus(clockSkew))) {
            return Verdict.ignore(Reasons.EXPIRED, d);
        }
        if (now.isAfter(p.get().deadline())) {
            return Verdict.ignore(Reasons.DEADLINE_PASSED, d);
        }
        // Remember first, act second: a crash in between leaves the door locked, never opens it twice.
        if (!honoured.remember("d:" + d.id(), now) || !pending.decide(d.captureId())) {
            return Verdict.ignore(Reasons.DUPLICATE, d);
        }
        if (!d.isGrant()) {
            return new Verdict(Verdict.Action.DENY, d.reason(), d);
        }
        if (lockdown.getAsBoolean()) {
            return new Verdict(Verdict.Action.REFUSE_LOCKDOWN, Reasons.LOCKDOWN, d);
        }
        return new Verdict(Verdict.Action.UNLOCK, d.reason(), d);
    }
}

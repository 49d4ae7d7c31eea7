package com.facegate.device.decision;

import com.facegate.protocol.Decision;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Problem;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Sanitize;
import com.facegate.protocol.Validity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides whether a decision message may be acted on. Order matters: the cheapest and most specific reason
 * wins, and nothing is remembered as honoured unless every check passed. Lateness is checked against the cloud's
 * validity ({@code issuedAt}..{@code expiresAt}, at most {@code maxValidity} long, with a small allowance for
 * clock skew between cloud and Pi) and against the door's own deadline for the capture (which needs no
 * allowance: it is the door's own clock). Every ignored decision names the field and rule it broke.
 */
public final class DecisionGate {
    private static final Problem ALREADY_DECIDED = new Problem("captureId", "already decided");

    private final String doorId;
    private final PendingCaptures pending;
    private final HonouredIds honoured;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxValidity;
    private final BooleanSupplier lockdown;

    public DecisionGate(String doorId, PendingCaptures pending, HonouredIds honoured, Clock clock, Duration clockSkew,
                        BooleanSupplier lockdown) {
        this(doorId, pending, honoured, clock, clockSkew, Validity.MAX, lockdown);
    }

    public DecisionGate(String doorId, PendingCaptures pending, HonouredIds honoured, Clock clock, Duration clockSkew,
                        Duration maxValidity, BooleanSupplier lockdown) {
        this.doorId = doorId;
        this.pending = pending;
        this.honoured = honoured;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.maxValidity = maxValidity;
        this.lockdown = lockdown;
    }

    public synchronized DecisionOutcome evaluate(byte[] payload) {
        Decision d;
        try {
            d = MessageCodec.decode(payload, Decision.class);
        } catch (InvalidMessageException e) {
            return DecisionOutcome.ignore(Reasons.MALFORMED, null, e.violations());
        }
        if (!doorId.equals(d.doorId())) {
            return DecisionOutcome.ignore(Reasons.WRONG_DOOR, d,
                    new Problem("doorId", "for another door " + Sanitize.forLog(d.doorId())));
        }
        if (honoured.contains("d:" + d.id())) {
            return DecisionOutcome.ignore(Reasons.DUPLICATE, d, new Problem("id", "already honoured"));
        }
        if (pending.wasDecided(d.captureId())) {
            return DecisionOutcome.ignore(Reasons.DUPLICATE, d, ALREADY_DECIDED);
        }
        Optional<PendingCaptures.Pending> p = pending.get(d.captureId());
        if (p.isEmpty()) {
            return DecisionOutcome.ignore(Reasons.UNKNOWN_CAPTURE, d,
                    new Problem("captureId", "not pending at this door"));
        }
        Instant now = clock.instant();
        Optional<Validity.Refusal> late = Validity.at(now, d.issuedAt(), d.expiresAt(), clockSkew, maxValidity);
        if (late.isPresent()) {
            return DecisionOutcome.ignore(late.get().reason(), d, late.get().problem());
        }
        if (now.isAfter(p.get().deadline())) {
            return DecisionOutcome.ignore(Reasons.DEADLINE_PASSED, d,
                    new Problem("captureId", "the door's deadline passed "
                    + Validity.roughly(Duration.between(p.get().deadline(), now)) + " ago"));
        }
        // Remember first, act second: a crash in between leaves the door locked, never opens it twice.
        switch (honoured.remember("d:" + d.id(), now)) {
            case ALREADY_HONOURED -> {
                return DecisionOutcome.ignore(Reasons.DUPLICATE, d, new Problem("id", "already honoured"));
            }
            case FULL -> {
                return DecisionOutcome.ignore(Reasons.ONCE_ONLY_MEMORY_FULL, d, honoured.fullProblem("id"));
            }
            case WRITE_FAILED -> {
                // Not recorded, so not acted on, grant or deny: the visit ends here with this one denial (its
                // deadline then writes no NO_DECISION), and the door stays locked.
                if (!pending.decide(d.captureId())) {
                    return DecisionOutcome.ignore(Reasons.DUPLICATE, d, ALREADY_DECIDED);
                }
                return DecisionOutcome.deniedByDoor(Reasons.ONCE_ONLY_WRITE_FAILED, d);
            }
            case REMEMBERED -> { }
        }
        if (!pending.decide(d.captureId())) {
            return DecisionOutcome.ignore(Reasons.DUPLICATE, d, ALREADY_DECIDED);
        }
        if (!d.isGrant()) {
            return new DecisionOutcome(DecisionOutcome.Action.DENY, d.reason(), d);
        }
        if (lockdown.getAsBoolean()) {
            return new DecisionOutcome(DecisionOutcome.Action.REFUSE_LOCKDOWN, Reasons.LOCKDOWN, d);
        }
        return new DecisionOutcome(DecisionOutcome.Action.UNLOCK, d.reason(), d);
    }
}

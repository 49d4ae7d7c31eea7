package com.facegate.device.command;

import com.facegate.device.decision.HonouredIds;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Problem;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Sanitize;
import com.facegate.protocol.Validity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Admits a remote command once, inside its validity (at most {@code maxValidity} long, issued neither in the
 * future nor longer ago than that, not expired; each with the clock skew allowed), for this door only; everything
 * else is IGNORED with the reason and the field and rule it broke.
 */
public final class CommandGate {
    private static final Problem ALREADY_HONOURED = new Problem("requestId", "already honoured");
    private static final Problem NOT_RECORDED = new Problem("requestId",
            "could not be recorded as honoured (state disk write failed); not carried out");

    /**
     * A command to carry out, or one ignored with its reason code and problems (the first is the one named).
     * {@code requestId} is named even for a command too malformed to be read as one, when its id was well-formed.
     */
    public record Admission(DoorCommand command, String requestId, String ignoredReason, List<Problem> problems) {
        public Admission {
            problems = List.copyOf(problems);
        }

        public boolean admitted() {
            return ignoredReason == null;
        }

        static Admission ignore(DoorCommand c, String reason, Problem p) {
            return new Admission(c, c.requestId(), reason, List.of(p));
        }
    }

    private final String doorId;
    private final HonouredIds honoured;
    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxValidity;

    public CommandGate(String doorId, HonouredIds honoured, Clock clock, Duration clockSkew) {
        this(doorId, honoured, clock, clockSkew, Validity.MAX);
    }

    public CommandGate(String doorId, HonouredIds honoured, Clock clock, Duration clockSkew, Duration maxValidity) {
        this.doorId = doorId;
        this.honoured = honoured;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.maxValidity = maxValidity;
    }

    public synchronized Admission evaluate(byte[] payload) {
        DoorCommand c;
        try {
            c = MessageCodec.decode(payload, DoorCommand.class);
        } catch (InvalidMessageException e) {
            return new Admission(null, e.messageId().orElse(null), Reasons.MALFORMED, e.violations());
        }
        if (!doorId.equals(c.doorId())) {
            return Admission.ignore(c, Reasons.WRONG_DOOR,
                    new Problem("doorId", "for another door " + Sanitize.forLog(c.doorId())));
        }
        String key = "c:" + c.requestId();
        if (honoured.contains(key)) {
            return Admission.ignore(c, Reasons.DUPLICATE, ALREADY_HONOURED);
        }
        Instant now = clock.instant();
        Optional<Validity.Refusal> late = Validity.at(now, c.issuedAt(), c.expiresAt(), clockSkew, maxValidity);
        if (late.isPresent()) {
            return Admission.ignore(c, late.get().reason(), late.get().problem());
        }
        return switch (honoured.remember(key, now)) {
            case REMEMBERED -> new Admission(c, c.requestId(), null, List.of());
            case ALREADY_HONOURED -> Admission.ignore(c, Reasons.DUPLICATE, ALREADY_HONOURED);
            case FULL -> Admission.ignore(c, Reasons.ONCE_ONLY_MEMORY_FULL, honoured.fullProblem("requestId"));
            case WRITE_FAILED -> Admission.ignore(c, Reasons.ONCE_ONLY_WRITE_FAILED, NOT_RECORDED);
        };
    }

}

package com.facegate.device.command;

import com.facegate.device.decision.HonouredIds;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Admits a remote command once, before its expiry, for this door only; everything else is IGNORED with why. */
public final class CommandGate {

    /** A command to carry out, or null with the reason it is ignored. */
    public record Admission(DoorCommand command, String ignoredReason) {
        public boolean admitted() {
            return ignoredReason == null;
        }
    }

    private final String doorId;
    private final HonouredIds honoured;
    private final Clock clock;
    private final Duration clockSkew;

    public CommandGate(String doorId, HonouredIds honoured, Clock clock, Duration clockSkew) {
        this.doorId = doorId;
        this.honoured = honoured;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    public synchronized Admission evaluate(byte[] payload) {
        DoorCommand c;
        try {
            c = MessageCodec.decode(payload, DoorCommand.class);
        } catch (InvalidMessageException e) {
            return new Admission(null, Reasons.MALFORMED);
        }
        if (!doorId.equals(c.doorId())) {
            return new Admission(c, Reasons.WRONG_DOOR);
        }
        if (honoured.contains("c:" + c.requestId())) {
            return new Admission(c, Reasons.DUPLICATE);
        }
        Instant now = clock.instant();
        if (now.isAfter(c.expiresAt().plus(clockSkew))) {
            return new Admission(c, Reasons.EXPIRED);
        }
        if (!honoured.remember("c:" + c.requestId(), now)) {
            return new Admission(c, Reasons.DUPLICATE);
        }
        return new Admission(c, null);
    }
}

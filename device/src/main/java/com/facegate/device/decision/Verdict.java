package com.facegate.device.decision;

import com.facegate.protocol.Decision;

/** What the door does with one decision message: act on it (GRANT / DENY) or ignore it, with the reason. */
public record Verdict(Action action, String reason, Decision decision) {

    public enum Action { UNLOCK, DENY, REFUSE_LOCKDOWN, IGNORE }

    public static Verdict ignore(String reason, Decision d) {
        return new Verdict(Action.IGNORE, reason, d);
    }
}

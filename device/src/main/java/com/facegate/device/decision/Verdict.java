package com.facegate.device.decision;

import com.facegate.protocol.Decision;
import com.facegate.protocol.Problem;
import java.util.List;

/**
 * What the door does with one decision message: act on it (GRANT / DENY) or ignore it, with the reason code and,
 * when ignored, the field and rule it broke (the first problem is the one named in log and audit).
 */
public record Verdict(Action action, String reason, Decision decision, List<Problem> problems) {

    public enum Action { UNLOCK, DENY, REFUSE_LOCKDOWN, IGNORE }

    public Verdict {
        problems = List.copyOf(problems);
    }

    public Verdict(Action action, String reason, Decision decision) {
        this(action, reason, decision, List.of());
    }

    public static Verdict ignore(String reason, Decision d, Problem problem) {
        return new Verdict(Action.IGNORE, reason, d, List.of(problem));
    }

    public static Verdict ignore(String reason, Decision d, List<Problem> problems) {
        return new Verdict(Action.IGNORE, reason, d, problems);
    }
}

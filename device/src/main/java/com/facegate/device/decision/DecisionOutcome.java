package com.facegate.device.decision;

import com.facegate.protocol.Decision;
import com.facegate.protocol.Problem;
import java.util.List;

/**
 * What the door does with one decision message: act on it (GRANT / DENY) or ignore it, with the reason code and,
 * when ignored, the field and rule it broke (the first problem is the one named in log and audit).
 */
public record DecisionOutcome(Action action, String reason, Decision decision, List<Problem> problems) {

    public enum Action { UNLOCK, DENY, REFUSE_LOCKDOWN, IGNORE }

    public DecisionOutcome {
        problems = List.copyOf(problems);
    }

    public DecisionOutcome(Action action, String reason, Decision decision) {
        this(action, reason, decision, List.of());
    }

    /**
     * The door denies a decision itself, whatever the cloud said, for {@code reason}: the decision carried is the
     * cloud's (same id, capture, badge, score) with result DENY and that reason, so the DENIED record names it.
     */
    public static DecisionOutcome deniedByDoor(String reason, Decision d) {
        Decision denied = new Decision(d.schemaVersion(), d.id(), d.doorId(), d.captureId(), Decision.Result.DENY,
                reason, d.badgeId(), d.similarity(), d.issuedAt(), d.expiresAt());
        return new DecisionOutcome(Action.DENY, reason, denied);
    }

    public static DecisionOutcome ignore(String reason, Decision d, Problem problem) {
        return new DecisionOutcome(Action.IGNORE, reason, d, List.of(problem));
    }

    public static DecisionOutcome ignore(String reason, Decision d, List<Problem> problems) {
        return new DecisionOutcome(Action.IGNORE, reason, d, problems);
    }
}

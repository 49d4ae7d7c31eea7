package com.facegate.cloud.access;

import java.util.Map;

/** What the decider concluded for one capture, before it becomes a published {@code Decision}. */
public record Verdict(boolean grant, String reason, String badgeId, Double similarity, Map<String, String> details) {
    public Verdict {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Verdict grant(String badgeId, double similarity) {
        return new Verdict(true, com.facegate.protocol.Reasons.MATCHED, badgeId, similarity, Map.of());
    }

    public static Verdict deny(String reason) {
        return new Verdict(false, reason, null, null, Map.of());
    }

    public static Verdict deny(String reason, String problem) {
        return new Verdict(false, reason, null, null, Map.of("problem", problem));
    }

    public static Verdict deny(String reason, String badgeId, Double similarity) {
        return new Verdict(false, reason, badgeId, similarity, Map.of());
    }
}

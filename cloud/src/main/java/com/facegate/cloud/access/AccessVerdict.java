package com.facegate.cloud.access;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the decider concluded for one capture, before it becomes a published {@code Decision}. */
public record AccessVerdict(boolean grant, String reason, String badgeId, Double similarity,
        Map<String, String> details) {
    public AccessVerdict {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** This verdict with one more detail (an existing one of that name is kept). */
    public AccessVerdict withDetail(String name, String value) {
        if (details.containsKey(name)) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(name, value);
        return new AccessVerdict(grant, reason, badgeId, similarity, more);
    }

    public static AccessVerdict grant(String badgeId, double similarity) {
        return new AccessVerdict(true, com.facegate.protocol.Reasons.MATCHED, badgeId, similarity, Map.of());
    }

    public static AccessVerdict deny(String reason) {
        return new AccessVerdict(false, reason, null, null, Map.of());
    }

    public static AccessVerdict deny(String reason, String problem) {
        return new AccessVerdict(false, reason, null, null, Map.of("problem", problem));
    }

    public static AccessVerdict deny(String reason, String badgeId, Double similarity) {
        return new AccessVerdict(false, reason, badgeId, similarity, Map.of());
    }
}

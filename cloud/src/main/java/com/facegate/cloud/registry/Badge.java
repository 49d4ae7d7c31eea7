package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** One employee's badge, stored at {@code registry/badges/{badgeId}.json}. The name never goes to logs or audit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Badge(
        String badgeId,
        String name,
        List<String> groups,
        Instant validFrom,
        Instant validUntil,
        Status status,
        Consent consent) {

    public enum Status { ACTIVE, REVOKED }

    public Badge {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public Badge withStatus(Status newStatus) {
        return new Badge(badgeId, name, groups, validFrom, validUntil, newStatus, consent);
    }

    /**
     * The effective state at {@code now}: REVOKED, EXPIRED, NOT_YET_VALID or ACTIVE, as {@code admin list} and the
     * console's people pages show it (one wording for both).
     */
    public String stateAt(Instant now) {
        if (status != Status.ACTIVE) {
            return String.valueOf(status);
        }
        if (validUntil != null && !now.isBefore(validUntil)) {
            return "EXPIRED";
        }
        if (validFrom != null && now.isBefore(validFrom)) {
            return "NOT_YET_VALID";
        }
        return "ACTIVE";
    }
}

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
}

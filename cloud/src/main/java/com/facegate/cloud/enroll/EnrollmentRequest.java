package com.facegate.cloud.enroll;

import com.facegate.cloud.registry.Consent;
import java.time.Instant;
import java.util.List;

/** What an admin submits to enroll an employee. Consent is mandatory: no consent, no biometric processing. */
public record EnrollmentRequest(String badgeId, String name, List<String> groups, Instant validFrom,
                                Instant validUntil, Consent consent) {
    public EnrollmentRequest {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}

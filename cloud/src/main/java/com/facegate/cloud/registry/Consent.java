package com.facegate.cloud.registry;

import java.time.Instant;

/** The employee's consent to biometric enrollment: when, to which privacy notice version, recorded by whom. */
public record Consent(Instant at, String noticeVersion, String enrolledBy) {
    public boolean isComplete() {
        return at != null && noticeVersion != null && !noticeVersion.isBlank() && enrolledBy != null
                && !enrolledBy.isBlank();
    }
}

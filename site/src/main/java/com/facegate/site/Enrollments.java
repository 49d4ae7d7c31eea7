package com.facegate.site;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentPhoto;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Enrolls a badge through the real path (registry entry, photos to S3, the S3-triggered handler) and waits. */
public final class Enrollments {
    private Enrollments() {}

    /** Enrolls one badge in the default group, valid for a year, and returns the per-photo outcomes. */
    public static List<PhotoEnrollment> enroll(BadgeAdmin admin, String badgeId, String name, List<Path> photos,
                                               Duration timeout) throws InterruptedException {
        Instant now = Instant.now();
        EnrollmentRequest request = new EnrollmentRequest(badgeId, name, List.of(LocalSite.DEFAULT_GROUP),
                now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS),
                new Consent(now, "local-demo-notice-1", "facegate-local"));
        admin.enroll(request, photos.stream().map(EnrollmentPhoto::of).toList());
        return await(admin, badgeId, photos.size(), timeout);
    }

    /** Waits until every photo of the badge has an outcome (enrolled, rejected with reasons, or replaced). */
    public static List<PhotoEnrollment> await(BadgeAdmin admin, String badgeId, int photos, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PhotoEnrollment> outcomes = admin.enrollmentStatus(badgeId);
            if (outcomes.size() >= photos || System.nanoTime() > deadline) {
                return outcomes;
            }
            Thread.sleep(50);
        }
    }
}

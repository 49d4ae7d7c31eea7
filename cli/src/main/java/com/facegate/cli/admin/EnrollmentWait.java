package com.facegate.cli.admin;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.PhotoEnrollment;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Waits for the S3-triggered enrollment handler's per-photo outcomes (ENROLLED, REJECTED, or REPLACED for a photo
 * enrolled and then replaced by a better one, even within the same upload). An outcome counts only when it is new since
 * the upload (a re-uploaded photo overwrites its document), except a photo already ENROLLED with the same bytes:
 * the handler skips that one and leaves the old outcome in place.
 */
final class EnrollmentWait {
    private static final long POLL_MILLIS = 100;

    private final BadgeAdmin admin;
    private final String badgeId;
    private final Map<String, PhotoEnrollment> before = new HashMap<>();

    /** Takes the snapshot of earlier outcomes; call before uploading. */
    EnrollmentWait(BadgeAdmin admin, String badgeId) {
        this.admin = admin;
        this.badgeId = badgeId;
        admin.enrollmentStatus(badgeId).forEach(e -> before.put(e.photoKey(), e));
    }

    /**
     * Reports each photo key's outcome as it arrives ({@code onOutcome}) until all are in or the timeout passes;
     * returns the outcomes found (missing keys timed out).
     */
    Map<String, PhotoEnrollment> await(List<String> keys, Duration timeout,
            BiConsumer<String, PhotoEnrollment> onOutcome)
            throws InterruptedException {
        Map<String, PhotoEnrollment> done = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, PhotoEnrollment> now = new HashMap<>();
            admin.enrollmentStatus(badgeId).forEach(e -> now.put(e.photoKey(), e));
            for (String key : keys) {
                PhotoEnrollment e = now.get(key);
                if (!done.containsKey(key) && e != null && isFresh(before.get(key), e)) {
                    done.put(key, e);
                    onOutcome.accept(key, e);
                }
            }
            if (done.size() == keys.size() || System.nanoTime() > deadline) {
                return done;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static boolean isFresh(PhotoEnrollment old, PhotoEnrollment current) {
        return old == null || old.status() == PhotoEnrollment.Status.ENROLLED
                || !Objects.equals(old.at(), current.at());
    }
}

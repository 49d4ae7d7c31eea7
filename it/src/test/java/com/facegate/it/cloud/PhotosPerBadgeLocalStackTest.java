package com.facegate.it.cloud;

import static com.facegate.it.cloud.CloudFixtures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.protocol.AuditEvent;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Several photos per badge on the local stack with real LFW faces: a badge keeps at most N enrolled photos (here 2),
 * and each further photo that passes the checks either replaces the kept one with the lowest quality score or is
 * refused LOWER_QUALITY_THAN_KEPT; the replaced photo's face, object and record go, and the audit says so. The
 * handler is called directly, one photo at a time, so each outcome is read before the next photo.
 */
class PhotosPerBadgeLocalStackTest {
    static final String BADGE = "B-MANY";
    static final String COLIN = "Colin_Powell";
    static final int MAX = 2;

    /** Uploads one photo for the badge and enrolls it now. */
    static PhotoEnrollment enroll(CloudStack cloud, byte[] photo) {
        cloud.enroll(BADGE, photo);
        String key = BadgeAdmin.photoKey(BADGE, photo);
        return cloud.enrollment().handle(cloud.created(key).getRecords().get(0)).orElseThrow();
    }

    static Set<String> facesInCollection(CloudStack cloud) {
        return Set.copyOf(cloud.faceIds(BADGE));
    }

    @Test
    void theBadgeKeepsItsBestPhotosUpToTheMaximum() throws Exception {
        // No S3 notification runs the enrollment handler: the test hands each photo to it itself.
        CloudStackFixture.run(s -> s.config(c -> c.maxPhotosPerBadge(MAX)).enrollOnUpload(false), cloud -> {
            // Quality score of every photo that passed the checks (kept, replaced or refused for quality), by key.
            Map<String, Double> candidates = new HashMap<>();
            Set<String> gone = new HashSet<>();
            Set<String> keptBefore = Set.of();
            int replaced = 0;
            int refused = 0;
            for (int n = 1; (replaced == 0 || refused == 0) && n <= 20 && Files.isRegularFile(
                    CloudFixtures.lfw().resolve(COLIN).resolve(String.format("%s_%04d.jpg", COLIN, n))); n++) {
                PhotoEnrollment out = enroll(cloud, photo(COLIN, n));
                if (out.status() == PhotoEnrollment.Status.ENROLLED) {
                    assertThat(out.quality()).isNotNull();
                    candidates.put(out.photoKey(), out.quality());
                    replaced += keptBefore.size() == MAX ? 1 : 0;
                } else if (out.reasons().contains(EnrollmentReasons.LOWER_QUALITY_THAN_KEPT)) {
                    assertThat(keptBefore).hasSize(MAX);
                    assertThat(out.quality()).as("a refusal for quality says what the photo scored").isNotNull();
                    candidates.put(out.photoKey(), out.quality());
                    refused++;
                }
                List<PhotoEnrollment> kept = enrolled(cloud);
                // The kept photos are always the best MAX of every candidate so far, never more than MAX.
                Set<String> best = candidates.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(MAX)
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
                assertThat(kept).as("after photo %d", n).extracting(PhotoEnrollment::photoKey)
                        .containsExactlyInAnyOrderElementsOf(best);
                assertThat(facesInCollection(cloud)).as("the collection holds only the kept faces")
                        .containsExactlyInAnyOrderElementsOf(
                                kept.stream().map(PhotoEnrollment::faceId).toList());
                Set<String> keptNow = kept.stream().map(PhotoEnrollment::photoKey).collect(Collectors.toSet());
                keptBefore.stream().filter(k -> !keptNow.contains(k)).forEach(gone::add);
                keptBefore = keptNow;
            }
            System.out.printf("FIGURE photos per badge (max %d): %d candidates, %d replaced, %d refused; scores %s%n",
                    MAX, candidates.size(), replaced, refused, candidates.values());
            assertThat(replaced).as("some photo replaced a worse one").isPositive();
            assertThat(refused).as("some photo was refused as no better than the kept ones").isPositive();
            assertThat(gone).hasSize(replaced);
            assertThat(cloud.admin().enrollmentPhotos(BADGE).keySet()).as("replaced photos are deleted")
                    .doesNotContainAnyElementsOf(gone);
            assertThat(cloud.admin().enrollmentStatus(BADGE)).extracting(PhotoEnrollment::photoKey)
                    .doesNotContainAnyElementsOf(gone);
            List<AuditRecord> audit = cloud.admin().queryAudit(null, BADGE, Instant.now().minusSeconds(3600),
                    Instant.now().plusSeconds(60));
            assertThat(audit).filteredOn(r -> r.event().type() == AuditEvent.Type.ENROLLED
                            && r.event().details() != null && r.event().details().containsKey("replaced"))
                    .hasSize(replaced);
            assertThat(audit).filteredOn(r -> r.event().type() == AuditEvent.Type.ENROLLMENT_REJECTED
                    && EnrollmentReasons.LOWER_QUALITY_THAN_KEPT.equals(r.event().reason())).hasSize(refused);
        });
    }

    static List<PhotoEnrollment> enrolled(CloudStack cloud) {
        return cloud.admin().enrollmentStatus(BADGE).stream()
                .filter(e -> e.status() == PhotoEnrollment.Status.ENROLLED).toList();
    }
}

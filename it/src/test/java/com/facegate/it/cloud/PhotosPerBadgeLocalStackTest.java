package com.facegate.it.cloud;

import static com.facegate.it.cloud.CloudFixtures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.access.scale.DoorThresholds;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.ErasureReport;
import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Several photos per badge on the local stack with real LFW faces: a badge keeps at most N enrolled photos (here 2),
 * and each further photo that passes the checks either replaces the kept one with the lowest quality score or is
 * refused LOWER_QUALITY_THAN_KEPT; the replaced photo's face and object go, its record stays as REPLACED naming the
 * photo that took its place (counted as no face at a door), the audit says so, and erasure leaves nothing. The
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
            // Which photo took the place of each replaced one, and when that photo was enrolled.
            Map<String, PhotoEnrollment> replacedBy = new HashMap<>();
            Map<String, byte[]> candidatesBytes = new HashMap<>();
            int replaced = 0;
            int refused = 0;
            for (int n = 1; (replaced == 0 || refused == 0) && n <= 20 && Files.isRegularFile(
                    CloudFixtures.lfw().resolve(COLIN).resolve(String.format("%s_%04d.jpg", COLIN, n))); n++) {
                byte[] bytes = photo(COLIN, n);
                PhotoEnrollment out = enroll(cloud, bytes);
                candidatesBytes.put(out.photoKey(), bytes);
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
                PhotoEnrollment newest = out;
                keptBefore.stream().filter(k -> !keptNow.contains(k)).forEach(k -> {
                    gone.add(k);
                    replacedBy.put(k, newest);
                });
                keptBefore = keptNow;
            }
            System.out.printf("FIGURE photos per badge (max %d): %d candidates, %d replaced, %d refused; scores %s%n",
                    MAX, candidates.size(), replaced, refused, candidates.values());
            assertThat(replaced).as("some photo replaced a worse one").isPositive();
            assertThat(refused).as("some photo was refused as no better than the kept ones").isPositive();
            assertThat(gone).hasSize(replaced);
            assertThat(cloud.admin().enrollmentPhotos(BADGE).keySet()).as("replaced photos are deleted")
                    .doesNotContainAnyElementsOf(gone);
            List<PhotoEnrollment> records = cloud.admin().enrollmentStatus(BADGE);
            List<PhotoEnrollment> replacedRecords = records.stream()
                    .filter(e -> e.status() == PhotoEnrollment.Status.REPLACED).toList();
            assertThat(replacedRecords).extracting(PhotoEnrollment::photoKey).as("a replaced photo keeps its record")
                    .containsExactlyInAnyOrderElementsOf(gone);
            for (PhotoEnrollment r : replacedRecords) {
                PhotoEnrollment better = replacedBy.get(r.photoKey());
                assertThat(r.replacedBy()).as("names the photo that replaced it").isEqualTo(better.photoKey());
                assertThat(r.faceId()).as("its face is gone").isNull();
                assertThat(r.at()).as("replaced as that photo was enrolled").isBeforeOrEqualTo(better.at());
                assertThat(r.quality()).isLessThan(better.quality());
            }
            // The door counts the faces a stranger can be taken for: REPLACED records are none.
            cloud.admin().putDoor(new Door("photos-door", "Photos", "UTC", List.of("staff"), List.of(), 1e-3));
            Registry registry = new Registry(cloud.clients().s3(), cloud.bucket(), Clock.systemUTC(), Duration.ZERO);
            assertThat(DoorThresholds.of(cloud.config(), registry, Clock.systemUTC())
                    .applied(List.of(registry.door("photos-door").orElseThrow())).get("photos-door").faces())
                    .isEqualTo(records.size() - replacedRecords.size());
            List<AuditRecord> audit = cloud.admin().queryAudit(null, BADGE, Instant.now().minusSeconds(3600),
                    Instant.now().plusSeconds(60));
            assertThat(audit).filteredOn(r -> r.event().type() == AuditEvent.Type.ENROLLED
                            && r.event().details() != null && r.event().details().containsKey("replaced"))
                    .hasSize(replaced);
            assertThat(audit).filteredOn(r -> r.event().type() == AuditEvent.Type.ENROLLMENT_REJECTED
                    && EnrollmentReasons.LOWER_QUALITY_THAN_KEPT.equals(r.event().reason())).hasSize(refused);
            // The same content as a replaced photo, uploaded again, is checked afresh: no better than the kept ones.
            String again = gone.iterator().next();
            byte[] againBytes = candidatesBytes.get(again);
            PhotoEnrollment reupload = enroll(cloud, againBytes);
            assertThat(reupload.status()).isEqualTo(PhotoEnrollment.Status.REJECTED);
            assertThat(reupload.reasons()).containsExactly(EnrollmentReasons.LOWER_QUALITY_THAN_KEPT);
            assertThat(reupload.at()).isAfter(replacedRecords.stream().filter(r -> r.photoKey().equals(again))
                    .findFirst().orElseThrow().at());
            ErasureReport erased = cloud.admin().erase(BADGE, "dpo");
            assertThat(erased.facesDeleted()).isEqualTo(MAX);
            assertThat(cloud.admin().enrollmentStatus(BADGE)).as("erasure takes the REPLACED records too").isEmpty();
            assertThat(cloud.clients().s3().listObjectsV2Paginator(b -> b.bucket(cloud.bucket())).contents().stream()
                    .map(S3Object::key).filter(k -> k.contains(BADGE) && !k.startsWith("audit/")).toList()).isEmpty();
        });
    }

    static List<PhotoEnrollment> enrolled(CloudStack cloud) {
        return cloud.admin().enrollmentStatus(BADGE).stream()
                .filter(e -> e.status() == PhotoEnrollment.Status.ENROLLED).toList();
    }
}

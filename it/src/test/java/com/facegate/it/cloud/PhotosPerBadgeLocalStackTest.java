package com.facegate.it.cloud;

import static com.facegate.it.cloud.CloudFixtures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentHandler;
import com.facegate.cloud.enroll.EnrollmentPhoto;
import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.stack.LocalClients;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.s3.S3Client;

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

    @TempDir
    static Path dir;
    static OnnxFaceEngine engine;
    static LocalStack stack;
    static CloudConfig config;
    static CloudClients clients;
    static BadgeAdmin admin;
    static EnrollmentHandler handler;

    @BeforeAll
    static void start() throws Exception {
        CloudFixtures.lfw();
        engine = OnnxFaceEngine.load();
        stack = LocalStack.builder().dataDir(dir).faceEngine(engine).anyFreePorts().mqttPersistent(false)
                .retryBackoff(Duration.ofMillis(200)).build().start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                stack.credentials().accessKeyId(), stack.credentials().secretAccessKey()));
        RekognitionClient rek = RekognitionClient.builder().endpointOverride(stack.rekognitionEndpoint())
                .region(Region.of(stack.region())).credentialsProvider(credentials)
                .httpClient(LocalClients.httpClient(stack.caCertificate()))
                .overrideConfiguration(CloudClients.rekognitionOverrides()).build();
        S3Client s3 = S3Client.builder().endpointOverride(stack.s3Endpoint()).region(Region.of(stack.region()))
                .forcePathStyle(true).credentialsProvider(credentials)
                .httpClient(LocalClients.httpClient(stack.caCertificate()))
                .overrideConfiguration(CloudClients.s3Overrides()).build();
        clients = new CloudClients(s3, rek, stack.iotDataClient());
        config = CloudConfig.builder(stack.bucket()).maxPhotosPerBadge(MAX).build();
        rek.createCollection(b -> b.collectionId(config.collectionId()));
        // No S3 notification registered: the test hands each photo to the handler itself.
        handler = new EnrollmentHandler(config, clients, Clock.systemUTC());
        admin = new BadgeAdmin(config, clients, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** Uploads one photo for the badge and enrolls it now. */
    static PhotoEnrollment enroll(byte[] photo) {
        admin.enroll(new EnrollmentRequest(BADGE, "Test Person", List.of("staff"),
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2099-01-01T00:00:00Z"),
                new Consent(Instant.now(), "privacy-notice-v3", "facilities")),
                List.of(new EnrollmentPhoto("photo.jpg", photo)));
        String key = BadgeAdmin.photoKey(BADGE, photo);
        return handler.handle(CloudFixtures.created(stack.bucket(), key).getRecords().get(0)).orElseThrow();
    }

    static Set<String> facesInCollection() {
        return clients.rekognition().listFacesPaginator(b -> b.collectionId(config.collectionId())).faces().stream()
                .filter(f -> BADGE.equals(f.externalImageId())).map(Face::faceId).collect(Collectors.toSet());
    }

    @Test
    void theBadgeKeepsItsBestPhotosUpToTheMaximum() {
        // Quality score of every photo that passed the checks (kept, replaced or refused for quality), by key.
        Map<String, Double> candidates = new HashMap<>();
        Set<String> gone = new HashSet<>();
        Set<String> keptBefore = Set.of();
        int replaced = 0;
        int refused = 0;
        for (int n = 1; (replaced == 0 || refused == 0) && n <= 20 && Files.isRegularFile(
                CloudFixtures.lfw().resolve(COLIN).resolve(String.format("%s_%04d.jpg", COLIN, n))); n++) {
            PhotoEnrollment out = enroll(photo(COLIN, n));
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
            List<PhotoEnrollment> kept = enrolled();
            // The kept photos are always the best MAX of every candidate so far, never more than MAX.
            Set<String> best = candidates.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(MAX)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(kept).as("after photo %d", n).extracting(PhotoEnrollment::photoKey)
                    .containsExactlyInAnyOrderElementsOf(best);
            assertThat(facesInCollection()).as("the collection holds only the kept faces")
                    .containsExactlyInAnyOrderElementsOf(kept.stream().map(PhotoEnrollment::faceId).toList());
            Set<String> keptNow = kept.stream().map(PhotoEnrollment::photoKey).collect(Collectors.toSet());
            keptBefore.stream().filter(k -> !keptNow.contains(k)).forEach(gone::add);
            keptBefore = keptNow;
        }
        System.out.printf("FIGURE photos per badge (max %d): %d candidates, %d replaced, %d refused; scores %s%n", MAX,
                candidates.size(), replaced, refused, candidates.values());
        assertThat(replaced).as("some photo replaced a worse one").isPositive();
        assertThat(refused).as("some photo was refused as no better than the kept ones").isPositive();
        assertThat(gone).hasSize(replaced);
        assertThat(admin.enrollmentPhotos(BADGE).keySet()).as("replaced photos are deleted")
                .doesNotContainAnyElementsOf(gone);
        assertThat(admin.enrollmentStatus(BADGE)).extracting(PhotoEnrollment::photoKey)
                .doesNotContainAnyElementsOf(gone);
        List<AuditRecord> audit = admin.queryAudit(null, BADGE, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(60));
        assertThat(audit).filteredOn(r -> r.event().type() == AuditEvent.Type.ENROLLED
                && r.event().details() != null && r.event().details().containsKey("replaced")).hasSize(replaced);
        assertThat(audit).filteredOn(r -> r.event().type() == AuditEvent.Type.ENROLLMENT_REJECTED
                && EnrollmentReasons.LOWER_QUALITY_THAN_KEPT.equals(r.event().reason())).hasSize(refused);
    }

    static List<PhotoEnrollment> enrolled() {
        return admin.enrollmentStatus(BADGE).stream().filter(e -> e.status() == PhotoEnrollment.Status.ENROLLED)
                .toList();
    }
}

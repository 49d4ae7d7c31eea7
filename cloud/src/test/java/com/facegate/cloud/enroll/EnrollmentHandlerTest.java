package com.facegate.cloud.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.RecordingIotEndpoint;
import com.facegate.cloud.S3Events;
import com.facegate.cloud.TestClients;
import com.facegate.cloud.TestData;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The enrollment handler on the shared multipart/non-ASCII event over real S3: the checks made before any
 * recognition call (badge known, consent, image) are reported per photo. Face checks run in the it module.
 */
class EnrollmentHandlerTest {
    static final String BUCKET = "facegate-example";
    static final String KEY = "enroll/B-10442/Ana María López front.jpg";

    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass(BUCKET);
    @RegisterExtension
    static final RecordingIotEndpoint iot = RecordingIotEndpoint.perClass();
    static EnrollmentHandler handler;
    static Registry registry;
    static S3Event event;

    @BeforeAll
    static void start() throws Exception {
        handler = new EnrollmentHandler(CloudConfig.defaults(BUCKET),
                TestClients.of(s3, TestClients.closedPort(), iot.uri()), Clock.systemUTC());
        registry = new Registry(s3.client(), BUCKET, Clock.systemUTC(), Duration.ZERO);
        event = S3Events.load(TestData.eventsDir().resolve("s3-enroll-multipart.json"));
    }

    static List<AuditRecord> audit() {
        return new AuditReader(s3.client(), BUCKET).query(null, "B-10442", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(60));
    }

    static Badge badge(Consent consent) {
        return new Badge("B-10442", "Ana María López", List.of("staff"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), Badge.Status.ACTIVE, consent);
    }

    @Test
    void givenRecognitionIsDown_whenThePhotoIsRetried_thenTheFailedAttemptDoesNotHoldItsClaim() throws Exception {
        // The handler's Rekognition endpoint is a closed port: every attempt fails after claiming the photo.
        String key = "enroll/B-10443/front.jpg";
        registry.putBadge(new Badge("B-10443", "Test Person", List.of("staff"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), Badge.Status.ACTIVE,
                new Consent(Instant.now(), "notice-v3", "facilities")));
        var jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(200, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
        s3.client().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(jpeg.toByteArray()));
        S3Event photo = S3Events.created(BUCKET, key);

        for (int attempt = 1; attempt <= 2; attempt++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handleRequest(photo, null))
                    .as("attempt %d fails on recognition, not on a claim left by the attempt before", attempt)
                    .isNotInstanceOf(EnrollmentBusyException.class);
        }
        assertThat(registry.enrollment("B-10443", key)).isEmpty();
    }

    @Test
    void photosAreRefusedWithReasonsBeforeAnyRecognition() {
        s3.client().putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromBytes(new byte[0]));

        handler.handleRequest(event, null);
        assertThat(registry.enrollments("B-10442")).isEmpty();
        assertThat(audit()).anySatisfy(r -> {
            assertThat(r.event().type()).isEqualTo(AuditEvent.Type.ENROLLMENT_REJECTED);
            assertThat(r.event().reason()).isEqualTo(EnrollmentReasons.BADGE_UNKNOWN);
        });

        registry.putBadge(badge(null));
        handler.handleRequest(event, null);
        assertThat(registry.enrollment("B-10442", KEY)).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PhotoEnrollment.Status.REJECTED);
            assertThat(p.reasons()).containsExactly(EnrollmentReasons.NO_CONSENT);
            assertThat(p.photoKey()).isEqualTo(KEY);
        });

        registry.putBadge(badge(new Consent(Instant.now(), "notice-v3", "facilities")));
        handler.handleRequest(event, null);
        assertThat(registry.enrollment("B-10442", KEY)).hasValueSatisfying(p ->
                assertThat(p.reasons()).containsExactly(EnrollmentReasons.INVALID_IMAGE));
        // Names in photo file names stay out of the audit.
        assertThat(audit().toString()).doesNotContain("Ana").doesNotContain("López");
    }
}

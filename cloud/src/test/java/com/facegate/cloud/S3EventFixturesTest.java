package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.cloud.access.AccessDecisionHandler;
import com.facegate.cloud.enroll.EnrollmentHandler;
import com.facegate.protocol.CaptureKey;
import org.junit.jupiter.api.Test;

/** The shared S3 event samples, deserialized as the Lambda runtime does, decode to the keys the handlers expect. */
class S3EventFixturesTest {

    private static String key(S3Event e, int i) {
        return AccessDecisionHandler.decodeKey(e.getRecords().get(i).getS3().getObject().getKey());
    }

    @Test
    void singleCapture() {
        S3Event e = S3Events.load(TestData.eventsDir().resolve("s3-capture-put.json"));
        assertThat(e.getRecords()).hasSize(1);
        assertThat(e.getRecords().get(0).getS3().getBucket().getName()).isEqualTo("facegate-example");
        assertThat(CaptureKey.parse(key(e, 0)))
                .contains(new CaptureKey("front-door-01", "2026-11-28T08:00:00.120Z_7f3c9a1e"));
    }

    @Test
    void twoRecordsWithPlusEncodedSpace() {
        S3Event e = S3Events.load(TestData.eventsDir().resolve("s3-capture-two-records.json"));
        assertThat(e.getRecords()).hasSize(2);
        assertThat(CaptureKey.parse(key(e, 1))).contains(new CaptureKey("lab door",
                "2026-11-28T08:00:01.950Z_a81b22c0"));
    }

    @Test
    void enrollmentMultipartWithNonAsciiKey() {
        S3Event e = S3Events.load(TestData.eventsDir().resolve("s3-enroll-multipart.json"));
        assertThat(e.getRecords().get(0).getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(key(e, 0)).isEqualTo("enroll/B-10442/Ana María López front.jpg");
        assertThat(EnrollmentHandler.badgeOf(key(e, 0))).contains("B-10442");
        assertThat(CaptureKey.parse(key(e, 0))).isEmpty();
    }

    @Test
    void generatedEventsRoundTripTheEncoding() {
        S3Event e = S3Events.created("b", "captures/lab door/2026-11-28T08:00:01.950Z_a81b22c0.jpg");
        assertThat(e.getRecords().get(0).getS3().getObject().getKey())
                .isEqualTo("captures/lab+door/2026-11-28T08%3A00%3A01.950Z_a81b22c0.jpg");
        assertThat(key(e, 0)).isEqualTo("captures/lab door/2026-11-28T08:00:01.950Z_a81b22c0.jpg");
    }

    @Test
    void keysThatAreNotPhotosAreRefused() {
        assertThat(EnrollmentHandler.badgeOf("enroll/B-1/")).isEmpty();
        assertThat(EnrollmentHandler.badgeOf("enroll/B-1/notes.txt")).isEmpty();
        assertThat(EnrollmentHandler.badgeOf("enroll/../x.jpg")).isEmpty();
        assertThat(EnrollmentHandler.badgeOf("enroll/B-1/sub/x.jpg")).isEmpty();
        assertThat(EnrollmentHandler.badgeOf("enroll/B-1/FRONT.JPEG")).contains("B-1");
    }
}

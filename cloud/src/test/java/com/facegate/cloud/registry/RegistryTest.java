package com.facegate.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.TestS3;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The registry over the real S3 wire protocol: documents, ETag revalidation (304), revocation seen at once. */
class RegistryTest {
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("reg");
    static final List<Integer> statuses = new CopyOnWriteArrayList<>();
    static S3Client counted;

    @BeforeAll
    static void start() throws Exception {
        counted = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.port())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("facegate-test", "facegate-test-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
                        statuses.add(c.httpResponse().statusCode());
                    }
                })).build();
    }

    @AfterAll
    static void stop() throws Exception {
        counted.close();
    }

    static Badge badge(String id) {
        return new Badge(id, "Ana María López", List.of("staff"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), Badge.Status.ACTIVE, new Consent(Instant.EPOCH, "v1", "admin"));
    }

    @Test
    void documentsRoundTripAndListing() {
        Registry r = new Registry(s3.client(), "reg", Clock.systemUTC(), Duration.ZERO);
        r.putBadge(badge("B-1"));
        r.putBadge(badge("B-2"));
        Door door = new Door("lab door", "Lab", "Europe/Madrid", List.of("lab"),
                List.of(new ScheduleWindow("lab", Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(18, 0))));
        r.putDoor(door);
        r.putGroup(new Group("lab", "Lab staff"));
        assertThat(r.badge("B-1")).contains(badge("B-1"));
        assertThat(r.door("lab door")).contains(door);
        assertThat(r.badges()).extracting(Badge::badgeId).contains("B-1", "B-2");
        assertThat(r.groups()).containsExactly(new Group("lab", "Lab staff"));
        assertThat(r.badge("B-404")).isEmpty();
        assertThat(r.badge("../etc/passwd")).isEmpty();
        assertThat(r.door("no such door")).isEmpty();
    }

    @Test
    void unchangedDocumentsAreRevalidatedWith304AndChangesAreSeenOnTheNextRead() {
        Registry writer = new Registry(s3.client(), "reg", Clock.systemUTC(), Duration.ZERO);
        writer.putBadge(badge("B-10"));
        Registry reader = new Registry(counted, "reg", Clock.systemUTC(), Duration.ZERO);
        assertThat(reader.badge("B-10").orElseThrow().status()).isEqualTo(Badge.Status.ACTIVE);
        statuses.clear();
        assertThat(reader.badge("B-10").orElseThrow().status()).isEqualTo(Badge.Status.ACTIVE);
        assertThat(statuses).containsExactly(304);
        writer.putBadge(badge("B-10").withStatus(Badge.Status.REVOKED));
        statuses.clear();
        assertThat(reader.badge("B-10").orElseThrow().status()).isEqualTo(Badge.Status.REVOKED);
        assertThat(statuses).containsExactly(200);
        writer.delete(Registry.badgeKey("B-10"));
        assertThat(reader.badge("B-10")).isEmpty();
    }

    @Test
    void aListingFetchesOnlyDocumentsWhoseEtagChanged() {
        Registry writer = new Registry(s3.client(), "reg", Clock.systemUTC(), Duration.ZERO);
        for (String photo : List.of("a.jpg", "b.jpg", "c.jpg")) {
            writer.putEnrollment(new PhotoEnrollment("L-1", "enroll/L-1/" + photo, "e", PhotoEnrollment.Status.ENROLLED,
                    List.of(), "face-" + photo, null, Instant.EPOCH, null));
        }
        Registry reader = new Registry(counted, "reg", Clock.systemUTC(), Duration.ZERO);
        assertThat(reader.enrollments("L-1")).hasSize(3);
        statuses.clear();
        assertThat(reader.enrollments("L-1")).extracting(PhotoEnrollment::faceId)
                .containsExactlyInAnyOrder("face-a.jpg", "face-b.jpg", "face-c.jpg");
        assertThat(statuses).as("one LIST, no GET").containsExactly(200);
        writer.putEnrollment(new PhotoEnrollment("L-1", "enroll/L-1/b.jpg", "e", PhotoEnrollment.Status.REJECTED,
                List.of("NO_FACE"), null, null, Instant.EPOCH, null));
        statuses.clear();
        assertThat(reader.enrollments("L-1")).filteredOn(e -> e.photoKey().endsWith("b.jpg"))
                .extracting(PhotoEnrollment::status).containsExactly(PhotoEnrollment.Status.REJECTED);
        assertThat(statuses).as("the LIST and one GET of the changed document").containsExactly(200, 200);
    }

    @Test
    void corruptDocumentOrMissingBucketIsUnavailableNotAbsent() {
        s3.client().putObject(b -> b.bucket("reg").key(Registry.badgeKey("B-bad")), RequestBody.fromString("[1,"));
        Registry r = new Registry(s3.client(), "reg", Clock.systemUTC(), Duration.ZERO);
        assertThatThrownBy(() -> r.badge("B-bad")).isInstanceOf(RegistryUnavailableException.class);
        Registry noBucket = new Registry(s3.client(), "no-such-bucket", Clock.systemUTC(), Duration.ZERO);
        assertThatThrownBy(() -> noBucket.badge("B-1")).isInstanceOf(RegistryUnavailableException.class);
    }
}

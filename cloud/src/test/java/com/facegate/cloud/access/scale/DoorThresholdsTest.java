package com.facegate.cloud.access.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.registry.BadDocumentException;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * The faces a door's threshold is counted over, read from a registry on a real S3 endpoint: every enrollment record
 * by its key (one that cannot be read still counts: the threshold may rise, never fall, for it), less the REPLACED
 * ones, from one listing of {@code registry/enrollment/}.
 */
class DoorThresholdsTest {
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("thresholds");
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void anUnreadableRecordCountsAndAReplacedOneDoesNotFromOneListing() throws Exception {
        List<String> listedPrefixes = new CopyOnWriteArrayList<>();
        try (S3Client counted = listingCounted(listedPrefixes)) {
            Registry registry = new Registry(counted, s3.bucket(), Clock.systemUTC(), Duration.ZERO);
            List<BadDocumentException> reported = new CopyOnWriteArrayList<>();
            registry.onBadDocument(reported::add);
            Door door = new Door("lab-door", "Lab", "UTC", List.of("lab"), List.of(), 1e-3);
            registry.putDoor(door);
            registry.putBadge(badge("B-ONE"));
            registry.putBadge(badge("B-TWO"));
            // B-ONE: two enrolled photos and one a better photo took the place of: two faces.
            registry.putEnrollment(enrolled("B-ONE", "enroll/B-ONE/a.jpg"));
            registry.putEnrollment(enrolled("B-ONE", "enroll/B-ONE/b.jpg"));
            registry.putEnrollment(enrolled("B-ONE", "enroll/B-ONE/c.jpg").replaced("enroll/B-ONE/a.jpg", NOW));
            // B-TWO: one enrolled photo and one record nobody can read: two faces.
            registry.putEnrollment(enrolled("B-TWO", "enroll/B-TWO/a.jpg"));
            String bad = Registry.enrollmentKey("B-TWO", "enroll/B-TWO/b.jpg");
            s3.client().putObject(b -> b.bucket(s3.bucket()).key(bad), RequestBody.fromString("{not json"));

            DoorThresholds thresholds = new DoorThresholds(CloudConfig.defaults(s3.bucket()), registry,
                    FalseAcceptTable.shipped(), Clock.fixed(NOW, ZoneOffset.UTC));
            listedPrefixes.clear();
            DoorThresholds.Applied applied = thresholds.applied(List.of(door)).get("lab-door");

            assertThat(applied.peopleAllowed()).isEqualTo(2);
            assertThat(applied.faces()).as("2 of B-ONE (REPLACED off) + 2 of B-TWO (unreadable on)").isEqualTo(4);
            assertThat(reported).extracting(BadDocumentException::key).containsExactly(bad);
            assertThat(listedPrefixes).as("one listing of the enrollment records per refresh")
                    .containsOnlyOnce(Registry.ENROLLMENT).containsExactlyInAnyOrder(Registry.BADGES,
                            Registry.ENROLLMENT);
        }
    }

    static Badge badge(String id) {
        return new Badge(id, "Test Person", List.of("lab"), NOW.minusSeconds(86_400), NOW.plusSeconds(86_400),
                Badge.Status.ACTIVE, new Consent(NOW, "v1", "admin"));
    }

    static PhotoEnrollment enrolled(String badgeId, String photoKey) {
        return new PhotoEnrollment(badgeId, photoKey, "etag", PhotoEnrollment.Status.ENROLLED, List.of(),
                "face-" + photoKey.hashCode(), null, NOW, 50.0);
    }

    /** A client of the same endpoint that notes the prefix of every ListObjectsV2 it sends. */
    static S3Client listingCounted(List<String> prefixes) {
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.port())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("facegate-test", "facegate-test-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission c, ExecutionAttributes a) {
                        List<String> prefix = c.httpRequest().rawQueryParameters().get("prefix");
                        if (c.httpRequest().rawQueryParameters().containsKey("list-type") && prefix != null) {
                            prefixes.addAll(prefix);
                        }
                    }
                })).build();
    }
}

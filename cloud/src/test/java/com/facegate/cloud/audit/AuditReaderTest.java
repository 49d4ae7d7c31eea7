package com.facegate.cloud.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.TestS3;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.retry.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The audit reader over the real S3 wire protocol: filters, order, and objects parsed once per ETag. */
class AuditReaderTest {
    static final RetryPolicy NO_WAIT = new RetryPolicy(3, AwsRetries.DELAYS, AwsRetries::retryable, d -> { });
    static final Instant T = Instant.parse("2026-11-30T10:00:00Z");

    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("audit");
    static S3Client counted;
    static final List<String> methods = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        counted = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.port())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("facegate-test", "facegate-test-secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
                        methods.add(c.httpRequest().rawQueryParameters().containsKey("list-type") ? "LIST"
                                : c.httpRequest().method().name());
                    }
                })).build();
    }

    @AfterAll
    static void stop() throws Exception {
        counted.close();
    }

    private static AuditEvent event(String door, String badge, Instant at) {
        return AuditEvent.of(door, AuditEvent.Type.UNLOCKED, AuditEvent.SOURCE_DEVICE, at).withBadge(badge, 0.9);
    }

    @Test
    void aRepeatedQueryListsButDownloadsNothingUnchangedAndSeesRewrites() {
        AuditWriter writer = new AuditWriter(s3.client(), "audit", Clock.systemUTC(), NO_WAIT);
        writer.write(event("door-a", "B-1", T));
        writer.write(event("door-b", "B-2", T.plusSeconds(60)));
        writer.write(event("door-a", "B-2", T.plus(Duration.ofDays(1))));
        String named = "decision_door-a_cap-1";
        writer.writeNamed(event("door-a", "B-3", T.plusSeconds(120)).withReason("first"), named);
        AuditReader reader = new AuditReader(counted, "audit");
        Instant from = T.minus(Duration.ofHours(1));
        Instant until = T.plus(Duration.ofDays(2));

        assertThat(reader.query(null, null, from, until)).extracting(r -> r.event().badgeId())
                .containsExactly("B-1", "B-2", "B-3", "B-2");
        assertThat(reader.cachedObjects()).isEqualTo(4);
        methods.clear();
        assertThat(reader.query("door-a", null, from, until)).extracting(r -> r.event().badgeId())
                .containsExactly("B-1", "B-3", "B-2");
        assertThat(reader.query(null, "B-2", from, T.plus(Duration.ofHours(1)))).hasSize(1);
        assertThat(methods).as("one listing per day partition, no download").hasSize(3 + 1).containsOnly("LIST");

        writer.writeNamed(event("door-a", "B-3", T.plusSeconds(120)).withReason("second"), named);
        assertThat(reader.query(null, "B-3", from, until)).extracting(r -> r.event().reason())
                .containsExactly("second");
    }
}

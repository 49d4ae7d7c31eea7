package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.protocol.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsRetriesTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final RetryPolicy retries = AwsRetries.standard().withSleeper(sleeps::add);

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void retriesThrottlingUpToTheBoundWithJitteredCappedSleeps() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.call(() -> {
            calls.incrementAndGet();
            throw error("ThrottlingException", 400);
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls).hasValue(4);
        assertThat(sleeps).hasSize(3);
        // Full jitter: each sleep in [0, min(800 ms, 50 ms * 2^n)].
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(50));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(sleeps.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    }

    @Test
    void theDelaysReachTheirCapOf800Ms() {
        assertThat(AwsRetries.DELAYS.before(10)).isBetween(Duration.ZERO, Duration.ofMillis(800));
        long max = 0;
        for (int i = 0; i < 500; i++) {
            max = Math.max(max, AwsRetries.DELAYS.before(10).toMillis());
        }
        assertThat(max).isBetween(700L, 800L);
    }

    @Test
    void succeedsAfterTransientServerErrors() {
        AtomicInteger calls = new AtomicInteger();
        String r = retries.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw error("InternalServerError", 500);
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void doesNotRetryClientErrors() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.call(() -> {
            calls.incrementAndGet();
            throw error("InvalidImageFormatException", 400);
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theAllowListIsThrottling5xxAndTheirServiceCodesOnly() {
        assertThat(AwsRetries.retryable(error("ProvisionedThroughputExceededException", 400))).isTrue();
        assertThat(AwsRetries.retryable(error("SlowDown", 503))).isTrue();
        assertThat(AwsRetries.retryable(error(null, 502))).isTrue();
        assertThat(AwsRetries.retryable(AwsServiceException.builder().statusCode(429).build())).isTrue();
        assertThat(AwsRetries.retryable(error("AccessDeniedException", 403))).isFalse();
        assertThat(AwsRetries.retryable(error(null, 404))).isFalse();
        // Network errors are not retried here: the capture's deadline is better spent denying now.
        assertThat(AwsRetries.retryable(SdkClientException.create("connection reset"))).isFalse();
        assertThat(AwsRetries.retryable(new IllegalStateException())).isFalse();
    }
}

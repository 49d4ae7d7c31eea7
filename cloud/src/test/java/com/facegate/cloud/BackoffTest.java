package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class BackoffTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final Backoff backoff = new Backoff(4, Duration.ofMillis(100), Duration.ofMillis(300), sleeps::add);

    private static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    @Test
    void retriesThrottlingUpToTheBoundWithJitteredCappedSleeps() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> backoff.call(() -> {
            calls.incrementAndGet();
            throw error("ThrottlingException", 400);
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls).hasValue(4);
        assertThat(sleeps).hasSize(3);
        // Full jitter: each sleep in [0, min(cap, base*2^n)].
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(sleeps.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(300));
    }

    @Test
    void succeedsAfterTransientServerErrors() {
        AtomicInteger calls = new AtomicInteger();
        String r = backoff.call(() -> {
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
        assertThatThrownBy(() -> backoff.call(() -> {
            calls.incrementAndGet();
            throw error("InvalidImageFormatException", 400);
        })).isInstanceOf(AwsServiceException.class);
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
        assertThat(Backoff.isRetryable(error("ProvisionedThroughputExceededException", 400))).isTrue();
        assertThat(Backoff.isRetryable(new IllegalStateException())).isFalse();
    }
}

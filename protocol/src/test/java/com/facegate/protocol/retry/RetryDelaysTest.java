package com.facegate.protocol.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LongSummaryStatistics;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {
    private static final Duration MS_100 = Duration.ofMillis(100);

    private static LongSummaryStatistics sample(RetryDelays delays, int retry) {
        return LongStream.range(0, 2000).map(i -> delays.before(retry).toMillis()).summaryStatistics();
    }

    @Test
    void withoutJitterEachRetryWaitsTheMultipliedDelayUpToTheCap() {
        RetryDelays d = RetryDelays.exponential(MS_100, 2, Duration.ofMillis(500), Jitter.NONE);

        assertThat(LongStream.rangeClosed(1, 6).map(n -> d.before((int) n).toMillis()).toArray())
                .containsExactly(100L, 200L, 400L, 500L, 500L, 500L);
        assertThat(RetryDelays.exponential(MS_100, 3, Duration.ofSeconds(10), Jitter.NONE).before(3))
                .isEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aLongRunOfFailuresSaturatesAtTheCapInsteadOfOverflowing() {
        RetryDelays d = RetryDelays.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(64), Jitter.NONE);

        assertThat(d.before(64)).isEqualTo(Duration.ofSeconds(64));
        assertThat(d.before(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(64));
    }

    @Test
    void fullJitterSpreadsOverZeroToTheCeiling() {
        RetryDelays d = RetryDelays.exponential(MS_100, 2, Duration.ofMillis(300), Jitter.FULL);

        LongSummaryStatistics first = sample(d, 1);
        LongSummaryStatistics capped = sample(d, 5);

        // Within [0, ceiling], and actually spread across it rather than pinned to one end.
        assertThat(first.getMin()).isBetween(0L, 10L);
        assertThat(first.getMax()).isBetween(90L, 100L);
        assertThat(capped.getMin()).isBetween(0L, 30L);
        assertThat(capped.getMax()).isBetween(270L, 300L);
    }

    @Test
    void jitterAboveInitialNeverWaitsLessThanTheInitialDelay() {
        RetryDelays d =
                RetryDelays.exponential(Duration.ofMillis(200), 2, Duration.ofSeconds(10), Jitter.ABOVE_INITIAL);

        assertThat(sample(d, 1).getMin()).isEqualTo(200);
        assertThat(sample(d, 1).getMax()).isEqualTo(200);
        LongSummaryStatistics third = sample(d, 3);
        assertThat(third.getMin()).isBetween(200L, 260L);
        assertThat(third.getMax()).isBetween(740L, 800L);
        LongSummaryStatistics capped = sample(d, 30);
        assertThat(capped.getMin()).isGreaterThanOrEqualTo(200);
        assertThat(capped.getMax()).isBetween(9_000L, 10_000L);
    }

    @Test
    void aCapBelowTheInitialDelayIsRaisedToIt() {
        RetryDelays d = RetryDelays.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), Jitter.ABOVE_INITIAL);

        assertThat(d.before(4)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nonsenseParametersAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> RetryDelays.exponential(Duration.ofMillis(-1), 2, MS_100, Jitter.FULL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> RetryDelays.exponential(MS_100, 0.5, MS_100, Jitter.FULL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
        assertThatThrownBy(() -> RetryDelays.exponential(MS_100, 2, MS_100, Jitter.FULL).before(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start at 1");
    }
}

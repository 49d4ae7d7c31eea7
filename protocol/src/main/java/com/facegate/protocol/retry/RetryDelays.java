package com.facegate.protocol.retry;

import java.time.Duration;

/**
 * The delay function, apart from the decision whether to retry at all ({@link RetryPolicy}): how long to wait
 * before a given retry. Call sites that retry on a scheduler rather than in a loop use this alone.
 */
@FunctionalInterface
public interface RetryDelays {
    /** The wait before retry {@code retry}: 1 is the first retry, after the first failure. */
    Duration before(int retry);

    /**
     * {@code initial * multiplier^(retry-1)}, capped at {@code cap}, spread by {@code jitter}; whole milliseconds.
     */
    static RetryDelays exponential(Duration initial, double multiplier, Duration cap, Jitter jitter) {
        return new ExponentialDelays(initial, multiplier, cap, jitter);
    }

    /** No wait at all: for tests, and for callers whose attempts are paced by something else. */
    static RetryDelays none() {
        return retry -> Duration.ZERO;
    }
}

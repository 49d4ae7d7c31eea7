package com.facegate.protocol.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** See {@link RetryDelays#exponential}. A cap below the initial delay is raised to it. */
record ExponentialDelays(Duration initial, double multiplier, Duration cap, Jitter jitter) implements RetryDelays {
    ExponentialDelays {
        Objects.requireNonNull(jitter, "jitter");
        if (initial.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("negative retry delay: initial " + initial + ", cap " + cap);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("retry delay multiplier must be >= 1: " + multiplier);
        }
    }

    @Override
    public Duration before(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1: " + retry);
        }
        long first = initial.toMillis();
        long capMillis = Math.max(first, cap.toMillis());
        // In double so that a long run of failures saturates at the cap instead of overflowing.
        double grown = first * Math.pow(multiplier, retry - 1);
        long ceiling = grown >= capMillis ? capMillis : (long) grown;
        long millis = switch (jitter) {
            case NONE -> ceiling;
            case FULL -> ThreadLocalRandom.current().nextLong(ceiling + 1);
            case ABOVE_INITIAL -> first + ThreadLocalRandom.current().nextLong(ceiling - first + 1);
        };
        return Duration.ofMillis(millis);
    }
}

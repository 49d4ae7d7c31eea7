package com.facegate.device.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with full jitter, so that a building's doors do not all reconnect in the same
 * second after a broker restart.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private int attempt;

    public Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    /** The next delay: uniformly random in [min, min(max, min * 2^attempt)]. */
    public Duration next() {
        long cap = minMillis << Math.min(attempt, 30);
        cap = cap <= 0 ? maxMillis : Math.min(maxMillis, cap);
        attempt++;
        return Duration.ofMillis(minMillis + ThreadLocalRandom.current().nextLong(cap - minMillis + 1));
    }

    public void reset() {
        attempt = 0;
    }
}

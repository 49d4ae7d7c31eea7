package com.facegate.cloud;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Bounded retry with exponential backoff and full jitter (sleep = random(0, min(cap, base * 2^attempt))), only on
 * an allow-list of errors that a retry can fix: throttling and server-side 5xx. Everything else fails at once.
 */
public final class Backoff {
    private static final Set<String> RETRYABLE_CODES = Set.of(
            "ThrottlingException", "ProvisionedThroughputExceededException", "Throttling", "SlowDown",
            "RequestLimitExceeded", "TooManyRequestsException", "ServiceUnavailable", "InternalError",
            "InternalServerError");

    /** Sleeps; a seam so tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final Sleeper sleeper;

    public Backoff(int maxAttempts, Duration base, Duration cap, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts < 1");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
    }

    /** 4 attempts, 50 ms base, 800 ms cap: worst case ~1.4 s of sleeping, well inside a 5 s decision budget. */
    public static Backoff standard() {
        return new Backoff(4, Duration.ofMillis(50), Duration.ofMillis(800), d -> Thread.sleep(d.toMillis()));
    }

    public static boolean isRetryable(Throwable t) {
        if (t instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return e.isThrottlingException() || e.statusCode() >= 500 || (code != null && RETRYABLE_CODES.contains(code));
        }
        return false;
    }

    public <T> T call(Supplier<T> action) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (!isRetryable(e)) {
                    throw e;
                }
                last = e;
                if (attempt + 1 < maxAttempts) {
                    sleep(attempt);
                }
            }
        }
        throw last;
    }

    public void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    private void sleep(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
        long millis = ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            sleeper.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}

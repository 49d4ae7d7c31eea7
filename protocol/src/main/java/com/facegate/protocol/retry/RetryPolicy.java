package com.facegate.protocol.retry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Bounded retry of an action that fails transiently: at most {@link #maxAttempts()} attempts, waiting
 * {@link RetryDelays} between them, and only for failures on the allow-list {@code retryable} (everything else,
 * and every {@link InterruptedException}, is thrown at once). When the attempts are used up the last failure is
 * thrown as it was. An interrupt while waiting ends the retries too: the thread keeps its interrupt flag and the
 * last failure is thrown, with the {@link InterruptedException} attached as suppressed.
 */
public final class RetryPolicy {
    /** One attempt; may throw {@code E}, which the policy rethrows unchanged. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    /** An attempt with no result. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    private final int maxAttempts;
    private final RetryDelays delays;
    private final Predicate<? super Exception> retryable;
    private final Sleeper sleeper;

    public RetryPolicy(int maxAttempts, RetryDelays delays, Predicate<? super Exception> retryable, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.delays = Objects.requireNonNull(delays, "delays");
        this.retryable = Objects.requireNonNull(retryable, "retryable");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** An allow-list by type: a failure is retried only if it is an instance of one of {@code types}. */
    @SafeVarargs
    @SuppressWarnings("varargs") // types is only copied into an immutable list, never stored or handed out
    public static Predicate<Exception> onlyOn(Class<? extends Exception>... types) {
        List<Class<? extends Exception>> allowed = List.of(types);
        return e -> allowed.stream().anyMatch(t -> t.isInstance(e));
    }

    /** The same policy waiting through {@code other}: tests pass one that records instead of sleeping. */
    public RetryPolicy withSleeper(Sleeper other) {
        return new RetryPolicy(maxAttempts, delays, retryable, other);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public <T, E extends Exception> T call(Attempt<T, E> attempt) throws E {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (n >= maxAttempts || e instanceof InterruptedException || !retryable.test(e)
                        || !waitedBefore(n, e)) {
                    throw e;
                }
            }
        }
    }

    public <E extends Exception> void run(Action<E> action) throws E {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Waits before retry {@code retry}; false when interrupted (flag kept, the interrupt noted on the failure). */
    private boolean waitedBefore(int retry, Exception failure) {
        Duration d = delays.before(retry);
        if (Thread.currentThread().isInterrupted()) {
            failure.addSuppressed(new InterruptedException("interrupted before retry " + retry));
            return false;
        }
        try {
            sleeper.sleep(d);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(ie);
            return false;
        }
    }
}

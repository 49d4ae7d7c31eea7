package com.facegate.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per key (the client address and the account id, each its own key): after {@code maxFailures}
 * within {@code window}, that key is refused until the oldest failure leaves the window. Success does not reset the
 * address (a guesser who knows one password must not get a fresh budget for the others).
 */
public final class SignInLimiter {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Zero when allowed, else how long until the next attempt is. */
    public Duration retryAfter(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Deque<Instant> q = failures.get(key);
            if (q == null) {
                continue;
            }
            synchronized (q) {
                prune(q, now);
                if (q.size() >= maxFailures) {
                    Duration wait = Duration.between(now, q.peekFirst().plus(window));
                    longest = wait.compareTo(longest) > 0 ? wait : longest;
                }
            }
        }
        return longest;
    }

    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                prune(q, now);
                q.addLast(now);
            }
        }
    }

    private void prune(Deque<Instant> q, Instant now) {
        while (!q.isEmpty() && !now.isBefore(q.peekFirst().plus(window))) {
            q.removeFirst();
        }
    }
}

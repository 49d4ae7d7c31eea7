package com.facegate.protocol.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final RetryPolicy policy = new RetryPolicy(4,
            RetryDelays.exponential(Duration.ofMillis(100), 2, Duration.ofMillis(300), Jitter.NONE),
            RetryPolicy.onlyOn(TimeoutException.class, UncheckedIOException.class), waits::add);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anAllowListedFailureIsRetriedUpToTheBoundThenThrownAsItWas() {
        TimeoutException last = new TimeoutException("attempt 4");

        assertThatThrownBy(() -> policy.call(() -> {
            throw calls.incrementAndGet() == 4 ? last : new TimeoutException("attempt " + calls.get());
        })).isSameAs(last);

        assertThat(calls).hasValue(4);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    }

    @Test
    void aTransientFailureThatClearsGivesTheResult() throws TimeoutException {
        String r = policy.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new TimeoutException();
            }
            return "open";
        });

        assertThat(r).isEqualTo("open");
        assertThat(calls).hasValue(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void aFailureNotOnTheAllowListIsThrownAtOnce() {
        assertThatThrownBy(() -> policy.run(() -> {
            calls.incrementAndGet();
            throw new IOException("certificate refused");
        })).isInstanceOf(IOException.class).hasMessage("certificate refused");
        assertThatThrownBy(() -> policy.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bad request");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(calls).hasValue(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void anInterruptedAttemptIsNeverRetriedEvenIfAllowListed() {
        RetryPolicy anything = new RetryPolicy(5, RetryDelays.none(), e -> true, waits::add);

        assertThatThrownBy(() -> anything.run(() -> {
            calls.incrementAndGet();
            throw new InterruptedException();
        })).isInstanceOf(InterruptedException.class);

        assertThat(calls).hasValue(1);
    }

    @Test
    void anInterruptWhileWaitingStopsTheRetriesKeepsTheFlagAndThrowsTheLastFailure() {
        RetryPolicy interrupted = policy.withSleeper(d -> {
            throw new InterruptedException("door closing");
        });
        TimeoutException failure = new TimeoutException("broker slow");

        assertThatThrownBy(() -> interrupted.run(() -> {
            calls.incrementAndGet();
            throw failure;
        })).isSameAs(failure);

        assertThat(calls).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
    }

    @Test
    void aThreadAlreadyInterruptedDoesNotWaitEvenWithASleeperThatIgnoresIt() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> policy.run(() -> {
            calls.incrementAndGet();
            throw new TimeoutException();
        })).isInstanceOf(TimeoutException.class);

        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void theRealSleeperWaitsAndAnInterruptEndsItsWait() throws InterruptedException {
        long start = System.nanoTime();
        Sleeper.real().sleep(Duration.ofMillis(20));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> Sleeper.real().sleep(Duration.ofHours(1))).isInstanceOf(InterruptedException.class);
    }

    @Test
    void atLeastOneAttemptIsRequired() {
        assertThatThrownBy(() -> new RetryPolicy(0, RetryDelays.none(), e -> true, waits::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }
}

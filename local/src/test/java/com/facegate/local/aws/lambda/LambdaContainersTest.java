package com.facegate.local.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda-like containers behind the stack's real asynchronous invoker: a burst starts several containers, each
 * paying its initialisation once and serving one invocation at a time; a quiet spell longer than the idle
 * lifetime makes the next invocation start cold again; a failed initialisation fails the invocation (retried).
 */
class LambdaContainersTest {
    @TempDir
    Path dir;

    /** A function whose initialisation is counted; its handler records which instance ran and any overlap. */
    private static final class Function {
        final AtomicInteger inits = new AtomicInteger();
        final Set<Object> instances = ConcurrentHashMap.newKeySet();
        final Map<Object, AtomicInteger> busy = new ConcurrentHashMap<>();
        final AtomicInteger overlapping = new AtomicInteger();

        LambdaTarget init() {
            inits.incrementAndGet();
            Object self = new Object();
            instances.add(self);
            busy.put(self, new AtomicInteger());
            return LambdaTarget.ofStream("fn", (in, out, ctx) -> {
                if (busy.get(self).incrementAndGet() > 1) {
                    overlapping.incrementAndGet();
                }
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    busy.get(self).decrementAndGet();
                }
            });
        }
    }

    private AsyncLambdaInvoker invoker(int workers) {
        return new AsyncLambdaInvoker(dir.resolve("dead"), dir.resolve("pending"), "eu-west-1", workers, 100,
                Duration.ofMillis(50), Duration.ofSeconds(10), Clock.systemUTC());
    }

    @Test
    void aBurstStartsSeveralContainersThenWarmOnesAreReusedAndAQuietSpellStartsColdAgain() throws Exception {
        Function fn = new Function();
        LambdaContainers containers = new LambdaContainers("fn", new ColdStarts(true, Duration.ofSeconds(3), 10),
                fn::init);
        LambdaTarget target = LambdaTarget.inContainers(containers);
        try (AsyncLambdaInvoker invoker = invoker(4)) {
            for (int i = 0; i < 8; i++) {
                invoker.invokeAsync("fn", target, "{}");
            }
            assertThat(invoker.awaitIdle(Duration.ofSeconds(10))).isTrue();
            int afterBurst = containers.coldStarts();
            assertThat(afterBurst).isBetween(2, 4); // at most one per worker thread, more than one for a burst
            assertThat(fn.overlapping.get()).isZero();

            for (int i = 0; i < 3; i++) { // one at a time: a warm container each time
                invoker.invokeAsync("fn", target, "{}");
                assertThat(invoker.awaitIdle(Duration.ofSeconds(10))).isTrue();
            }
            assertThat(containers.coldStarts()).isEqualTo(afterBurst);

            Thread.sleep(3500); // longer than the idle lifetime: every container is gone
            invoker.invokeAsync("fn", target, "{}");
            assertThat(invoker.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(containers.coldStarts()).isEqualTo(afterBurst + 1);
            assertThat(fn.instances).hasSize(fn.inits.get());
        }
    }

    @Test
    void oneContainerAtMostMeansInvocationsWaitForIt() throws Exception {
        Function fn = new Function();
        LambdaContainers containers = new LambdaContainers("fn", new ColdStarts(true, Duration.ofMinutes(5), 1),
                fn::init);
        try (AsyncLambdaInvoker invoker = invoker(4)) {
            for (int i = 0; i < 4; i++) {
                invoker.invokeAsync("fn", LambdaTarget.inContainers(containers), "{}");
            }
            assertThat(invoker.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(containers.coldStarts()).isEqualTo(1);
        assertThat(fn.overlapping.get()).isZero();
    }

    @Test
    void aFailedInitialisationFailsThatInvocationAndTheRetryStartsAContainer() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        LambdaContainers containers = new LambdaContainers("fn", new ColdStarts(true, Duration.ofMinutes(5), 1),
                () -> {
                    if (tries.incrementAndGet() == 1) {
                        throw new IllegalStateException("configuration not readable yet");
                    }
                    return LambdaTarget.ofStream("fn", (in, out, ctx) -> handled.incrementAndGet());
                });
        try (AsyncLambdaInvoker invoker = invoker(1)) {
            invoker.invokeAsync("fn", LambdaTarget.inContainers(containers), "{}");
            assertThat(invoker.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(handled.get()).isEqualTo(1);
        assertThat(containers.coldStarts()).isEqualTo(1);
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> new ColdStarts(true, Duration.ofSeconds(-1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColdStarts(true, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

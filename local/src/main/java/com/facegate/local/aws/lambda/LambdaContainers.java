package com.facegate.local.aws.lambda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function's execution environments: an invocation takes an idle container (warm), or starts a new one by
 * running the function's initialisation (cold) while fewer than the maximum are live; at the maximum it waits for
 * one to come back. A container idle longer than its lifetime is dropped, so the next invocation starts cold.
 * Each container serves one invocation at a time, as in Lambda.
 */
public final class LambdaContainers {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaContainers.class);

    private record Idle(LambdaTarget handler, long since) {}

    private final String functionName;
    private final ColdStarts settings;
    private final Supplier<LambdaTarget> init;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final AtomicInteger coldStarts = new AtomicInteger();
    private int live;

    public LambdaContainers(String functionName, ColdStarts settings, Supplier<LambdaTarget> init) {
        this.functionName = Objects.requireNonNull(functionName);
        this.settings = Objects.requireNonNull(settings);
        this.init = Objects.requireNonNull(init);
    }

    public String functionName() {
        return functionName;
    }

    /** How many containers this function has started (each paid its initialisation). */
    public int coldStarts() {
        return coldStarts.get();
    }

    LambdaTarget acquire() throws InterruptedException {
        synchronized (this) {
            dropExpired(System.nanoTime());
            while (idle.isEmpty() && live >= settings.maxContainers()) {
                wait();
            }
            Idle warm = idle.pollFirst(); // most recently used first, so spare containers age out
            if (warm != null) {
                return warm.handler();
            }
            live++;
        }
        long t0 = System.nanoTime();
        try {
            LambdaTarget started = init.get();
            int n = coldStarts.incrementAndGet();
            LOG.info("{}: cold start #{} took {} ms", functionName, n, (System.nanoTime() - t0) / 1_000_000);
            return started;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                live--; // the invocation fails (and is retried); no container was started
                notifyAll();
            }
            throw e;
        }
    }

    synchronized void release(LambdaTarget handler) {
        idle.addFirst(new Idle(handler, System.nanoTime()));
        notifyAll();
    }

    private void dropExpired(long now) {
        long lifetime = settings.idleLifetime().toNanos();
        while (!idle.isEmpty() && now - idle.peekLast().since() > lifetime) {
            idle.pollLast();
            live--;
        }
    }
}

package com.facegate.engine.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a face's independent model passes (liveness, the mirrored embedding) side by side on a small shared pool,
 * so one face at a quiet door uses every core. A task no pool thread has started by the time its caller needs it
 * is run by the caller itself: when many requests keep the pool busy, nobody waits longer than running everything
 * in line would, and no task can wait on a task queued behind it.
 */
public final class SideTasks implements AutoCloseable {
    private final ThreadPoolExecutor pool;

    /** {@code threads} pool threads besides the callers; 0 runs everything on the caller. */
    public SideTasks(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0: " + threads);
        }
        pool = threads == 0 ? null : new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
    }

    /** One pool thread per core beyond the caller's own. */
    public static SideTasks forThisMachine() {
        return new SideTasks(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** Offers {@code work} to the pool; {@link #join} returns its result. */
    public <T> FutureTask<T> start(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        if (pool != null) {
            try {
                pool.execute(task);
            } catch (RejectedExecutionException closed) {
                // The caller runs it in join().
            }
        }
        return task;
    }

    /** The task's result, running it here if no pool thread has started it; its failure is rethrown here. */
    public static <T> T join(FutureTask<T> task) {
        task.run(); // a no-op when a pool thread has started or finished it
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a model pass", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "facegate-engine-side-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}

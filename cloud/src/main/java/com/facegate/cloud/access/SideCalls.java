package com.facegate.cloud.access;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls a decision makes side by side (reads beside the claim, the search beside the screening call). Blocking
 * I/O, so a cached pool of daemon threads shared by the container's invocations.
 */
final class SideCalls {
    private static final AtomicInteger THREADS = new AtomicInteger();

    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "facegate-access-io-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private SideCalls() {}

    /** The call's result; its own exception is rethrown as it was thrown, so callers catch what they caught before. */
    static <T> T join(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a call", e);
        }
    }

    /**
     * Waits for a call whose result is no longer wanted, ignoring how it ended: an invocation leaves nothing running
     * behind it (a Lambda container is frozen between invocations) and its retries stay counted within it.
     */
    static void settle(CompletableFuture<?> call) {
        try {
            call.get();
        } catch (ExecutionException | CompletionException e) {
            // Its outcome was not needed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}

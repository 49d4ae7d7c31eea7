package com.facegate.local.aws.lambda;

import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.retry.Jitter;
import com.facegate.protocol.retry.RetryDelays;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invokes handlers like Lambda's asynchronous invocation: queued, run on a bounded worker pool, retried twice
 * with growing back-off when they throw, then written with the error to
 * {@code <dead-letter>/<configurationId>/<timestamp>-<uuid>.json}. Nothing is dropped silently: an event that
 * finds the queue full goes straight to the dead-letter folder. Delivery is at least once: each event is also kept
 * as a file until it is handled or dead-lettered ({@link PendingEvents}), and events left by a stopped or crashed
 * run are handed to their rule's target again by {@link #resume}.
 */
public final class AsyncLambdaInvoker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncLambdaInvoker.class);
    /** Lambda async: the first attempt plus two retries. */
    public static final int MAX_ATTEMPTS = 3;

    private final Path deadLetterDir;
    private final PendingEvents pending;
    private final String region;
    private final RetryDelays retryDelays;
    private final Duration timeout;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService retries;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Duration resumeDelay = Duration.ZERO;

    public AsyncLambdaInvoker(Path deadLetterDir, Path pendingDir, String region, int workerThreads,
            int queueCapacity, Duration firstBackoff, Duration timeout, Clock clock) {
        this.deadLetterDir = deadLetterDir;
        this.pending = new PendingEvents(pendingDir, clock);
        this.region = region;
        // Lambda's spacing of its two retries: the first back-off, then twice it (the cap); no jitter, as before.
        this.retryDelays = RetryDelays.exponential(firstBackoff, 2, firstBackoff.multipliedBy(2), Jitter.NONE);
        this.timeout = timeout;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> daemon(r, "lambda-" + n.incrementAndGet()));
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lambda-retry"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Queues one invocation and returns at once, as S3 does not wait for its notification targets. */
    public void invokeAsync(String configurationId, LambdaTarget target, String eventJson) {
        inFlight.incrementAndGet();
        submit(configurationId, target, pending.keep(configurationId, eventJson), 1);
    }

    /**
     * As {@link #invokeAsync}, handed to the target only after {@code delay} (S3's notification delay). The event
     * is kept on disk and counted in flight at once: nothing is lost and {@link #awaitIdle} waits for it.
     */
    public void invokeAsyncAfter(Duration delay, String configurationId, LambdaTarget target, String eventJson) {
        if (delay.isZero() || delay.isNegative()) {
            invokeAsync(configurationId, target, eventJson);
            return;
        }
        inFlight.incrementAndGet();
        PendingEvents.Pending p = pending.keep(configurationId, eventJson);
        try {
            // Nothing waits on it: submit() records its own outcome, and the event stays on disk until it is handled.
            var unused = retries.schedule(() -> submit(configurationId, target, p, 1), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            inFlight.decrementAndGet(); // still on disk: the next run delivers it
        }
    }

    /**
     * How long events an earlier run left wait before their first attempt. A run killed mid-handler leaves its claim
     * (decision ledger, enrollment photo) under a lease; delivered sooner, the event would find it busy, spend its
     * retries and be dead-lettered, where after the lease it takes the claim over and is finished.
     */
    public AsyncLambdaInvoker resumeDelay(Duration delay) {
        this.resumeDelay = Objects.requireNonNull(delay);
        return this;
    }

    /** Hands the events an earlier run left for this rule to its target (call once its rule is configured). */
    public int resume(String configurationId, LambdaTarget target) {
        return resume(configurationId, target, resumeDelay);
    }

    /** As {@link #resume(String, LambdaTarget)}, after the given delay (zero for targets that take no claim). */
    public int resume(String configurationId, LambdaTarget target, Duration delay) {
        List<PendingEvents.Pending> left = pending.left(configurationId);
        if (!left.isEmpty()) {
            LOG.info("{}: {} event(s) left by an earlier run, delivering them in {} s", configurationId, left.size(),
                    delay.toSeconds());
        }
        for (PendingEvents.Pending p : left) {
            inFlight.incrementAndGet();
            if (delay.isZero()) {
                submit(configurationId, target, p, 1);
            } else {
                try {
                    // Nothing waits on the retry: submit() dead-letters or leaves on disk what it cannot deliver.
                    var unused = retries.schedule(() -> submit(configurationId, target, p, 1), delay.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException shuttingDown) {
                    inFlight.decrementAndGet(); // still on disk: the next run delivers it
                }
            }
        }
        return left.size();
    }

    private void submit(String configurationId, LambdaTarget target, PendingEvents.Pending event, int attempt) {
        try {
            workers.execute(() -> attempt(configurationId, target, event, attempt));
        } catch (RejectedExecutionException e) {
            if (workers.isShutdown()) {
                inFlight.decrementAndGet(); // stopping: still on disk, the next run delivers it
            } else {
                deadLetter(configurationId, target, event, attempt - 1, e); // queue full
            }
        }
    }

    private void attempt(String configurationId, LambdaTarget target, PendingEvents.Pending event, int attempt) {
        LocalLambdaContext ctx = new LocalLambdaContext(target.functionName(), region, timeout, clock);
        String eventJson = event.eventJson();
        try {
            target.invoke(eventJson, ctx);
            LOG.debug("{} handled event for {} (request {}, attempt {})", target.functionName(), configurationId,
                    ctx.getAwsRequestId(), attempt);
            pending.done(event);
            inFlight.decrementAndGet();
        } catch (Throwable e) {
            if (e instanceof Error && !(e instanceof AssertionError) && !(e instanceof LinkageError)) {
                LOG.error("{} failed fatally", target.functionName(), e);
            }
            if (attempt < MAX_ATTEMPTS) {
                long delay = retryDelays.before(attempt).toMillis();
                LOG.warn("{} failed on attempt {} (request {}): {}; retrying in {} ms", target.functionName(), attempt,
                        ctx.getAwsRequestId(), e.toString(), delay);
                try {
                    // Nothing waits on the retry: submit() dead-letters or leaves on disk what it cannot deliver.
                    var unused = retries.schedule(() -> submit(configurationId, target, event, attempt + 1), delay,
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException shuttingDown) {
                    inFlight.decrementAndGet(); // still on disk: the next run delivers it again
                }
            } else {
                deadLetter(configurationId, target, event, attempt, e);
            }
        }
    }

    private void deadLetter(String configurationId, LambdaTarget target, PendingEvents.Pending event, int attempts,
            Throwable error) {
        String eventJson = event.eventJson();
        try {
            ObjectNode doc = MessageCodec.mapper().createObjectNode();
            doc.put("configurationId", configurationId);
            doc.put("functionName", target.functionName());
            doc.put("attempts", attempts);
            doc.put("failedAt", clock.instant().toString());
            ObjectNode err = doc.putObject("error");
            err.put("errorType", error.getClass().getName());
            err.put("errorMessage", String.valueOf(error.getMessage()));
            try {
                doc.set("event", MessageCodec.mapper().readTree(eventJson));
            } catch (java.io.IOException notJson) {
                doc.put("eventText", eventJson);
            }
            Path file = deadLetterDir.resolve(configurationId)
                    .resolve(PendingEvents.fileName(clock));
            SecureFiles.write(file, MessageCodec.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(doc), true);
            LOG.error("{} gave up after {} attempt(s) for {}; event kept in {}", target.functionName(), attempts,
                    configurationId, file);
            pending.done(event);
        } catch (Exception e) {
            LOG.error("could not dead-letter an event for {}: event lost", configurationId, e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Invocations queued, running or waiting for a retry. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until nothing is queued, running or waiting to retry; true when that happened in time. */
    public boolean awaitIdle(Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        retries.shutdown();
        workers.shutdown();
        try {
            retries.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

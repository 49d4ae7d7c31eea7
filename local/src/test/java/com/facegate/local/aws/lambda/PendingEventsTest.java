package com.facegate.local.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given notifications accepted by one run of the local stack, when it dies before its handlers took them, then the
 * next run delivers them once its rules are configured; handled and dead-lettered events are not delivered again.
 */
class PendingEventsTest {
    @TempDir
    Path data;

    private final S3EventJson json = new S3EventJson("eu-west-1", "AWS:AK", "OWNER", Clock.systemUTC());

    private AsyncLambdaInvoker invoker() {
        return new AsyncLambdaInvoker(data.resolve("dead-letter"), data.resolve("pending"), "eu-west-1", 1, 100,
                Duration.ofMillis(10), Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static ObjectCreated created(String key) {
        return new ObjectCreated(ObjectCreated.PUT, "bucket", key, 10, "etag", "0055AED6DCD90281E5");
    }

    @Test
    void givenACrashBeforeHandling_whenTheNextRunConfiguresTheRule_thenTheEventIsDelivered() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        List<String> firstRun = new CopyOnWriteArrayList<>();
        S3EventNotifier before = new S3EventNotifier(json, invoker());
        before.addRule(new NotificationRule("access", "captures/", "", LambdaTarget.of("Access",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    String key = e.getRecords().get(0).getS3().getObject().getUrlDecodedKey();
                    firstRun.add(key);
                    if (key.endsWith("stuck.jpg")) {
                        awaitQuietly(stuck); // the process dies while this handler runs
                    }
                    return null;
                })));
        before.addRule(new NotificationRule("enroll", "enroll/", "", LambdaTarget.of("Enroll",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    throw new IllegalStateException("always fails");
                })));
        before.objectCreated(created("captures/door-1/handled.jpg"));
        before.objectCreated(created("enroll/B-1/photo.jpg"));
        await().atMost(Duration.ofSeconds(10)).until(() -> firstRun.contains("captures/door-1/handled.jpg")
                && deadLetters().size() == 1);
        before.objectCreated(created("captures/door-1/stuck.jpg"));
        before.objectCreated(created("captures/door-1/queued.jpg")); // behind it: one worker
        await().atMost(Duration.ofSeconds(10)).until(() -> firstRun.contains("captures/door-1/stuck.jpg"));
        // "Crash": the first run is abandoned with one event in its handler and one in its queue.

        List<String> nextRun = new CopyOnWriteArrayList<>();
        AsyncLambdaInvoker again = invoker();
        S3EventNotifier after = new S3EventNotifier(json, again);
        after.addRule(new NotificationRule("access", "captures/", "", LambdaTarget.of("Access",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    nextRun.add(e.getRecords().get(0).getS3().getObject().getUrlDecodedKey());
                    return null;
                })));
        assertThat(again.awaitIdle(Duration.ofSeconds(10))).isTrue();
        stuck.countDown();

        assertThat(nextRun).containsExactlyInAnyOrder("captures/door-1/stuck.jpg", "captures/door-1/queued.jpg");
        assertThat(pendingFiles()).isEmpty();
        assertThat(deadLetters()).hasSize(1); // the failing enrollment was dead-lettered, not kept to run again
        again.close();
    }

    /**
     * A run killed mid-handler leaves the capture's claim under a lease; the next run holds the event back for the
     * resume delay so that it takes the claim over instead of meeting it busy. New events are not held back.
     */
    @Test
    void givenAResumeDelay_whenTheNextRunConfiguresTheRule_thenLeftEventsWaitItAndNewOnesDoNot() throws Exception {
        S3EventNotifier before = new S3EventNotifier(json, invoker());
        CountDownLatch stuck = new CountDownLatch(1);
        before.addRule(new NotificationRule("access", "captures/", "", LambdaTarget.of("Access",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    awaitQuietly(stuck); // the process dies while this handler runs
                    return null;
                })));
        before.objectCreated(created("captures/door-1/left.jpg"));

        List<String> nextRun = new CopyOnWriteArrayList<>();
        AsyncLambdaInvoker again = invoker().resumeDelay(Duration.ofMillis(1500));
        long start = System.nanoTime();
        List<Long> deliveredAfterMs = new CopyOnWriteArrayList<>();
        S3EventNotifier after = new S3EventNotifier(json, again);
        after.addRule(new NotificationRule("access", "captures/", "", LambdaTarget.of("Access",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    nextRun.add(e.getRecords().get(0).getS3().getObject().getUrlDecodedKey());
                    deliveredAfterMs.add((System.nanoTime() - start) / 1_000_000);
                    return null;
                })));
        after.objectCreated(created("captures/door-1/new.jpg"));
        await().atMost(Duration.ofSeconds(10)).until(() -> nextRun.contains("captures/door-1/new.jpg"));
        assertThat(nextRun).containsExactly("captures/door-1/new.jpg");

        assertThat(again.awaitIdle(Duration.ofSeconds(10))).isTrue();
        stuck.countDown();
        assertThat(nextRun).containsExactly("captures/door-1/new.jpg", "captures/door-1/left.jpg");
        assertThat(deliveredAfterMs.get(1)).isGreaterThanOrEqualTo(1500);
        assertThat(pendingFiles()).isEmpty();
        again.close();
    }

    private List<Path> pendingFiles() throws Exception {
        return files(data.resolve("pending"));
    }

    private List<Path> deadLetters() throws Exception {
        return files(data.resolve("dead-letter"));
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

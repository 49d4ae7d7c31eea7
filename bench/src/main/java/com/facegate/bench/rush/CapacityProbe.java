package com.facegate.bench.rush;

import com.facegate.cloud.access.CaptureDecisions;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The cloud's capacity without doors: captures put straight into {@code captures/} for every door (as the doors'
 * uploads would be, metadata included; no door-side engine), at rising offered rates, each step timed from the
 * put's start to the decision published (the capture decision's return, through the deployment's one wrap). The
 * capacity is the highest offered rate whose every capture was decided with p95 at most {@link #P95_LIMIT_MS}.
 */
final class CapacityProbe {
    static final double P95_LIMIT_MS = 1000;

    record Step(int offeredPerS, int offered, int decided, double decidedPerS, double p50, double p95) {
        boolean holds() {
            return decided == offered && p95 <= P95_LIMIT_MS;
        }
    }

    private final Map<String, Long> putAt = new ConcurrentHashMap<>();
    private final Map<String, Long> decidedAfter = new ConcurrentHashMap<>();

    /** The wrap for both entry points: the first decision of a probe capture stops its clock. */
    CaptureDecisions decisions(CaptureDecisions real) {
        return capture -> {
            try {
                return real.decide(capture);
            } finally {
                Long t0 = putAt.get(capture.captureId());
                if (t0 != null) {
                    decidedAfter.putIfAbsent(capture.captureId(), System.nanoTime() - t0);
                }
            }
        };
    }

    /** Runs each rate for {@code seconds}, stopping after the first step that does not hold. */
    List<Step> run(PrintStream out, S3Client s3, String bucket, List<String> doors, List<byte[]> images,
            int[] rates, int seconds) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        ExecutorService puts = Executors.newFixedThreadPool(8);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int rate : rates) {
                Step s = step(s3, bucket, doors, images, rate, seconds, puts, ticks);
                out.printf(Locale.ROOT, "capacity offered_per_s=%d captures=%d decided=%d decided_per_s=%.1f"
                        + " p50_ms=%.0f p95_ms=%.0f%s%n", s.offeredPerS(), s.offered(), s.decided(), s.decidedPerS(),
                        s.p50(), s.p95(), s.holds() ? "" : " (over the limit)");
                steps.add(s);
                if (!s.holds()) {
                    break;
                }
            }
        } finally {
            ticks.shutdownNow();
            puts.shutdownNow();
        }
        return steps;
    }

    static int capacity(List<Step> steps) {
        return steps.stream().filter(Step::holds).mapToInt(Step::offeredPerS).max().orElse(0);
    }

    private Step step(S3Client s3, String bucket, List<String> doors, List<byte[]> images, int rate, int seconds,
            ExecutorService puts, ScheduledExecutorService ticks) throws InterruptedException {
        int total = rate * seconds;
        List<String> ids = new ArrayList<>(total);
        AtomicInteger n = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        var ticking = ticks.scheduleAtFixedRate(() -> {
            int i = n.getAndIncrement();
            if (i >= total) {
                return;
            }
            String door = doors.get(i % doors.size());
            String id = CaptureKey.newCaptureId(Instant.now());
            synchronized (ids) {
                ids.add(id);
            }
            puts.execute(() -> put(s3, bucket, new CaptureKey(door, id), images.get(i % images.size())));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        long start = System.nanoTime();
        while (n.get() < total) {
            Thread.sleep(20);
        }
        ticking.cancel(false);
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < drainUntil && decided(ids) < total) {
            Thread.sleep(20);
        }
        double elapsedS = (System.nanoTime() - start) / 1e9;
        List<Long> lat = new ArrayList<>();
        synchronized (ids) {
            for (String id : ids) {
                Long l = decidedAfter.get(id);
                if (l != null) {
                    lat.add(l);
                }
            }
        }
        lat.sort(null);
        return new Step(rate, total, lat.size(), lat.size() / elapsedS, RushReport.percentileMs(lat, 50),
                RushReport.percentileMs(lat, 95));
    }

    private int decided(List<String> ids) {
        synchronized (ids) {
            return (int) ids.stream().filter(decidedAfter::containsKey).count();
        }
    }

    private void put(S3Client s3, String bucket, CaptureKey key, byte[] jpeg) {
        Instant now = Instant.now();
        putAt.put(key.captureId(), System.nanoTime());
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key.key()).contentType("image/jpeg")
                .metadata(Map.of(CaptureMetadata.DOOR_ID, key.doorId(), CaptureMetadata.CAPTURE_TIME, now.toString(),
                        CaptureMetadata.DEVICE_CLOCK, now.toString())).build(), RequestBody.fromBytes(jpeg));
    }
}

package com.facegate.bench.console;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A realistic site's registry and audit written straight through {@link Registry} and {@link AuditWriter} (no
 * face engine): badges with one enrolled photo outcome each, and audit records one object per event as the sink
 * writes them, spread over the last {@code days} days across {@code doors} doors.
 */
final class ConsoleSeed {
    static final String[] FIRST = {"Ada", "Brian", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivan", "Jun"};
    static final String[] LAST = {"Okafor", "Novak", "Silva", "Tanaka", "Weber", "Haddad", "Larsen", "Moreau"};
    /**
     * No {@code staff} (the site door's group): the gallery publisher then leaves these badges out, so it does not
     * fetch 5,000 photos that were never uploaded every period while the pages are timed.
     */
    static final String[] GROUPS = {"office", "lab", "finance", "night-shift", "contractors", "it"};
    private static final int THREADS = 8;

    private ConsoleSeed() {}

    static String badgeId(int i) {
        return String.format(Locale.ROOT, "b%05d", i);
    }

    static String doorId(int k) {
        return String.format(Locale.ROOT, "door-%02d", k + 1);
    }

    static String name(int i) {
        return FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length] + " " + i;
    }

    static void badges(Registry registry, int n, Instant now) throws Exception {
        parallel(n, i -> {
            String id = badgeId(i);
            List<String> groups = List.of(GROUPS[i % GROUPS.length], GROUPS[(i / 7) % GROUPS.length]);
            registry.putBadge(new Badge(id, name(i), groups.stream().distinct().toList(),
                    now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(365)),
                    i % 50 == 0 ? Badge.Status.REVOKED : Badge.Status.ACTIVE,
                    new Consent(now.minus(Duration.ofDays(400)), "v1", "seed-admin")));
            String photo = "enroll/" + id + "/photo-" + String.format(Locale.ROOT, "%016x", (long) i) + ".jpg";
            registry.putEnrollment(new PhotoEnrollment(id, photo, "\"seed\"", PhotoEnrollment.Status.ENROLLED,
                    List.of(), "face-" + id, null, now.minus(Duration.ofDays(400)), null));
        });
    }

    /**
     * {@code n} records over the last {@code days} days, {@code perObject} to an object (1: one object per event, as
     * the audit sink stores them; more: a door journal's batch, all of one day, which seeds a big trail faster).
     */
    static void audit(S3Client s3, String bucket, int n, int perObject, int days, int doors, int badges,
                      Instant now) throws Exception {
        AuditWriter writer = new AuditWriter(s3, bucket, Clock.systemUTC(), AwsRetries.standard());
        long day = Duration.ofDays(1).toMillis();
        int objects = (n + perObject - 1) / perObject;
        parallel(objects, j -> {
            Random r = new Random(j);
            // Object j lies on day j % days (0 = the last 24 hours), so every day holds the same share.
            long dayStart = (j % days) * day;
            List<AuditEvent> batch = new ArrayList<>();
            for (int i = j * perObject; i < Math.min(n, (j + 1) * perObject); i++) {
                Instant at = now.minusMillis(dayStart + (long) (r.nextDouble() * day));
                batch.add(event(r, i, at, doors, badges));
            }
            if (perObject == 1) {
                writer.write(batch.get(0));
            } else {
                writer.writeAll(batch);
            }
        });
    }

    private static AuditEvent event(Random r, int i, Instant at, int doors, int badges) {
        int kind = r.nextInt(10);
        AuditEvent.Type type = kind < 5 ? AuditEvent.Type.DECISION : kind < 9 ? AuditEvent.Type.UNLOCKED
                : AuditEvent.Type.DENIED;
        return AuditEvent.of(doorId(r.nextInt(doors)), type,
                        kind < 5 ? AuditEvent.SOURCE_CLOUD : AuditEvent.SOURCE_DEVICE, at)
                .withCapture("cap-" + i)
                .withBadge(badgeId(r.nextInt(badges)), 0.5 + r.nextDouble() * 0.4)
                .withReason(type == AuditEvent.Type.DENIED ? "NO_MATCH" : "MATCH");
    }

    /** Runs {@code task} for 0..n-1 on a few threads (the local S3 serves several requests at once). */
    private static void parallel(int n, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            int chunk = Math.max(1, n / (THREADS * 4));
            for (int start = 0; start < n; start += chunk) {
                int from = start;
                int to = Math.min(n, start + chunk);
                done.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        task.accept(i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package com.facegate.console.pages;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.protocol.Failures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the people list and search pages read: a {@link PeopleIndex} read again in the background every
 * {@link #REFRESH_EVERY}, so that no page request lists the store. An admin's own change through this console's
 * {@link BadgeAdmin} (and a person page, which reads its badge fresh) replaces that badge in it at once; another
 * process's change shows within the refresh period. A failed refresh keeps the last good index (the page says how
 * old it is). The first index is read at start in the background; a request before it is ready waits for it.
 */
public final class PeopleSnapshot implements AutoCloseable {
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(10);
    /** How long a request waits for the background's first reading before it reads the list itself. */
    private static final Duration FIRST_WAIT = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(PeopleSnapshot.class);

    /** A refresh that failed: when, and why (what the page shows beside the older list). */
    public record Failure(Instant at, String error) {}

    /** One badge read since the index was: applied to any index whose listings began before {@code ticket}. */
    private record Patch(long ticket, PeopleIndex.Person person) {}

    private final BadgeAdmin admin;
    private final Clock clock;
    private final Duration every;
    private final Consumer<String> onChange = this::changed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-people-snapshot");
        t.setDaemon(true);
        return t;
    });
    /** One full reading at a time (the timer's, or a first request's when the timer's failed). */
    private final Object reading = new Object();
    /** Guards {@link #tickets}, {@link #patches} and replacing {@link #index}. */
    private final Object lock = new Object();
    private final Map<String, Patch> patches = new HashMap<>();
    private final CountDownLatch firstTried = new CountDownLatch(1);
    private long tickets;
    private volatile PeopleIndex index;
    private volatile Failure failure;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> refreshing;

    private PeopleSnapshot(BadgeAdmin admin, Clock clock, Duration every) {
        this.admin = admin;
        this.clock = clock;
        this.every = every;
    }

    /** Listens to the admin's badge changes and reads the first index now, in the background. */
    public static PeopleSnapshot start(BadgeAdmin admin, Clock clock) {
        return start(admin, clock, REFRESH_EVERY);
    }

    /** The same, read again {@code every} (a test's hour: only when it calls {@link #refresh}). */
    public static PeopleSnapshot start(BadgeAdmin admin, Clock clock, Duration every) {
        PeopleSnapshot s = new PeopleSnapshot(admin, clock, every);
        s.admin.onBadgeChange(s.onChange);
        s.refreshing = s.timer.scheduleWithFixedDelay(s::refreshQuietly, 0, s.every.toMillis(),
                TimeUnit.MILLISECONDS);
        return s;
    }

    /**
     * The current index. Before the first one is read, waits for the background's first reading, and reads it in
     * this thread when that failed (then a store outage is this request's {@code RegistryUnavailableException}).
     */
    public PeopleIndex index() {
        PeopleIndex held = index;
        if (held != null) {
            return held;
        }
        try {
            if (!firstTried.await(FIRST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("people snapshot first reading still running waited_s={}", FIRST_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the people list", e);
        }
        synchronized (reading) {
            return index != null ? index : refresh();
        }
    }

    /** How often the index is read again. */
    public Duration every() {
        return every;
    }

    /** The last refresh's failure, empty once one succeeded after it. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * One badge as the store has it now (three reads), put into the index too: a person page shows the same as the
     * list next to it. Empty when there is no such badge (and then it leaves the list).
     */
    public Optional<PeopleIndex.Person> fresh(String badgeId) {
        long ticket;
        synchronized (lock) {
            ticket = ++tickets;
        }
        Optional<PeopleIndex.Person> person = PeopleIndex.readOne(admin.registry(), badgeId);
        synchronized (lock) {
            Patch newer = patches.get(badgeId);
            if (newer == null || newer.ticket() < ticket) {
                patches.put(badgeId, new Patch(ticket, person.orElse(null)));
                if (index != null) {
                    index = index.with(badgeId, person.orElse(null));
                }
            }
        }
        return person;
    }

    /**
     * Reads every badge again and makes it the index, with the badges read one by one since it began; a failure
     * (the store unreachable) is thrown and leaves the index as it was.
     */
    public PeopleIndex refresh() {
        synchronized (reading) {
            long began;
            synchronized (lock) {
                began = tickets;
            }
            long t0 = System.nanoTime();
            PeopleIndex read = PeopleIndex.read(admin.registry(), clock.instant());
            boolean first;
            synchronized (lock) {
                // A badge read before these listings began is in them; one read after may be newer than them.
                patches.values().removeIf(p -> p.ticket() <= began);
                for (Map.Entry<String, Patch> p : patches.entrySet()) {
                    read = read.with(p.getKey(), p.getValue().person());
                }
                first = index == null;
                index = read;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (first || failure != null) {
                LOG.info("people snapshot read badges={} ms={} first={} failed_since={}", read.size(), ms, first,
                        failure == null ? "-" : failure.at());
            } else {
                LOG.debug("people snapshot read badges={} ms={}", read.size(), ms);
            }
            failure = null;
            return read;
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            if (!closed) { // closing interrupts a reading under way: that is no store failure
                failed(e);
            }
        } finally {
            firstTried.countDown();
        }
    }

    /** Logged once for a run of failures (every 10 s while the store is down would drown the log). */
    private void failed(RuntimeException e) {
        PeopleIndex held = index;
        if (failure == null) {
            LOG.warn("people snapshot refresh failed, keeping the last one read_at={} badges={} error={}",
                    held == null ? "never" : held.readAt(), held == null ? 0 : held.size(), Failures.describe(e));
        }
        failure = new Failure(clock.instant(), e.getMessage());
    }

    /** An admin's own change: that badge is read again at once (a failure leaves it to the next refresh). */
    private void changed(String badgeId) {
        if (closed) {
            return;
        }
        try {
            fresh(badgeId);
        } catch (RuntimeException e) {
            LOG.warn("people snapshot could not read a changed badge badge={} error={}", badgeId,
                    Failures.describe(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        admin.removeBadgeChangeListener(onChange);
        if (refreshing != null) {
            refreshing.cancel(true);
        }
        timer.shutdownNow();
        firstTried.countDown();
    }
}

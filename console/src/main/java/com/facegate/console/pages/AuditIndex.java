package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.protocol.Failures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the audit and alarm pages read: the audit day partitions they need, each listed once into memory
 * ({@link AuditReader#day}: objects parsed once per ETag) and listed again in the background, so that a search
 * filters memory instead of listing every object of every day on each request. The same results as
 * {@link AuditReader#query} (its day range and filter), as of the listings used: {@link Result#asOf}.
 *
 * <p>Staleness bounds. The hot days (today and tomorrow UTC, where new records land, tomorrow for a door clock
 * running ahead; yesterday too for {@link #HOT_SPAN} after midnight) are listed again every {@link #HOT_EVERY};
 * every other day held every {@link #PAST_EVERY}, so that a late record (an offline
 * door's journal, replayed into its event's own old day) shows within that. A query never uses a listing older
 * than twice its period: it lists the day itself then (the background idles after {@link #IDLE_AFTER} without a
 * query). A change made through this console ({@link #changed}) makes the next query list the hot days again
 * first, so an admin sees their own act at once. A day not held is listed by the query that first needs it; the
 * last {@link #RECENT_DAYS} days are always held, older ones while used within {@link #KEEP_UNUSED} and while the
 * index holds fewer than {@link #MAX_RECORDS} records.
 */
public final class AuditIndex implements AutoCloseable {
    public static final Duration HOT_EVERY = Duration.ofSeconds(2);
    public static final Duration PAST_EVERY = Duration.ofMinutes(5);
    /** How far back "now" reaches: a record delivered seconds after midnight still lands in yesterday. */
    static final Duration HOT_SPAN = Duration.ofMinutes(10);
    static final Duration IDLE_AFTER = Duration.ofMinutes(10);
    static final Duration KEEP_UNUSED = Duration.ofMinutes(30);
    /** Today and the 7 days before: the alarms page's week and the default searches. */
    static final int RECENT_DAYS = 8;
    /** About as many as the reader's parse cache holds, so that the index does not pin much more than it. */
    static final int MAX_RECORDS = 200_000;
    private static final Logger LOG = LoggerFactory.getLogger(AuditIndex.class);

    /** The matching records, oldest first, and the start of the oldest day listing they come from. */
    public record Result(List<AuditRecord> records, Instant asOf) {}

    /** One day's records as a listing that began at {@code listedAt}, after {@code changes} console changes. */
    private record Day(List<AuditRecord> records, Instant listedAt, long changes) {}

    private final Function<LocalDate, List<AuditRecord>> lister;
    private final Clock clock;
    private final Duration hotEvery;
    private final Duration pastEvery;
    private final Map<LocalDate, Day> days = new ConcurrentHashMap<>();
    private final Map<LocalDate, Instant> used = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile Instant lastQuery;
    private volatile boolean failing;
    private ScheduledExecutorService timer;

    /** Not started: {@link #tick} runs only when called (tests). */
    AuditIndex(Function<LocalDate, List<AuditRecord>> lister, Clock clock, Duration hotEvery, Duration pastEvery) {
        this.lister = lister;
        this.clock = clock;
        this.hotEvery = hotEvery;
        this.pastEvery = pastEvery;
        this.lastQuery = clock.instant();
    }

    /** Over the reader, listing the recent days now in the background and again every {@link #HOT_EVERY}. */
    public static AuditIndex start(AuditReader reader, Clock clock) {
        AuditIndex index = new AuditIndex(reader::day, clock, HOT_EVERY, PAST_EVERY);
        index.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-audit-index");
            t.setDaemon(true);
            return t;
        });
        // tickQuietly catches what a tick throws: the future never completes with an exception to look at.
        var unused = index.timer.scheduleWithFixedDelay(index::tickQuietly, 0, HOT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return index;
    }

    /**
     * Records in [from, until) for a door and/or badge (null = any), oldest first, as {@link AuditReader#query}
     * returns them; a day held too long or never is listed now (a store outage is then this request's error).
     */
    public Result query(String doorId, String badgeId, Instant from, Instant until) {
        AuditReader.checkRange(from, until);
        Instant now = clock.instant();
        lastQuery = now;
        List<AuditRecord> out = new ArrayList<>();
        Instant asOf = null;
        for (LocalDate d : AuditReader.days(from, until)) {
            used.put(d, now);
            Day day = current(d, now);
            for (AuditRecord r : day.records()) {
                if (AuditReader.matches(r, doorId, badgeId, from, until)) {
                    out.add(r);
                }
            }
            asOf = asOf == null || day.listedAt().isBefore(asOf) ? day.listedAt() : asOf;
        }
        AuditReader.sortByTime(out);
        return new Result(out, asOf);
    }

    /** An audited change made through this console: the next query lists the hot days again before it answers. */
    public void changed() {
        changes.incrementAndGet();
    }

    /** How long a past day's listing may be used: what the pages say about late records. */
    public Duration pastBound() {
        return pastEvery.multipliedBy(2);
    }

    /** How many days are held (for tests and the log). */
    int heldDays() {
        return days.size();
    }

    /**
     * The background's work: the hot days, the recent days not held yet, and the held past days whose listing is
     * older than {@link #PAST_EVERY}; then drops days nobody asked for. Nothing while the pages are not used.
     */
    void tick() {
        Instant now = clock.instant();
        if (lastQuery.isBefore(now.minus(IDLE_AFTER))) {
            return;
        }
        LocalDate today = utc(now);
        for (LocalDate d = today.plusDays(1); d.isAfter(today.minusDays(RECENT_DAYS)); d = d.minusDays(1)) {
            Day held = days.get(d);
            if (held == null || hot(d, now) || held.listedAt().isBefore(now.minus(pastEvery))) {
                list(d);
            }
        }
        for (Map.Entry<LocalDate, Day> e : List.copyOf(days.entrySet())) {
            if (e.getValue().listedAt().isBefore(now.minus(pastEvery)) && !recent(e.getKey(), today)) {
                list(e.getKey());
            }
        }
        evict(now, today);
    }

    private void tickQuietly() {
        try {
            long t0 = System.nanoTime();
            tick();
            if (failing) {
                LOG.info("audit index listing works again days={} ms={}", days.size(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) { // once for a run of failures: every 2 s while the store is down would drown the log
                LOG.warn("audit index listing failed, pages keep the last listings for at most their bound: {}",
                        Failures.describe(e));
            }
            failing = true;
        }
    }

    /** The held listing when it is within its bound (and, for a hot day, after the console's last change). */
    private Day current(LocalDate d, Instant now) {
        Day held = days.get(d);
        boolean hot = hot(d, now);
        Duration bound = (hot ? hotEvery : pastEvery).multipliedBy(2);
        if (held == null || held.listedAt().isBefore(now.minus(bound)) || (hot && held.changes() < changes.get())) {
            return list(d);
        }
        return held;
    }

    /** Lists the day; a listing that began before the one held (a slower, concurrent one) does not replace it. */
    private Day list(LocalDate d) {
        long seen = changes.get(); // before the listing: a change during it makes the next query list again
        Instant at = clock.instant();
        Day fresh = new Day(List.copyOf(lister.apply(d)), at, seen);
        return days.merge(d, fresh, (old, now) -> now.changes() < old.changes()
                || now.listedAt().isBefore(old.listedAt()) ? old : now);
    }

    /** Drops past days unused for {@link #KEEP_UNUSED}, then the least recently used beyond {@link #MAX_RECORDS}. */
    private void evict(Instant now, LocalDate today) {
        List<LocalDate> old = new ArrayList<>(days.keySet().stream().filter(d -> !recent(d, today)).toList());
        old.sort(Comparator.comparing((LocalDate d) -> used.getOrDefault(d, Instant.MIN)));
        int total = days.values().stream().mapToInt(x -> x.records().size()).sum();
        for (LocalDate d : old) {
            Instant last = used.getOrDefault(d, Instant.MIN);
            if (total > MAX_RECORDS || last.isBefore(now.minus(KEEP_UNUSED))) {
                Day gone = days.remove(d);
                used.remove(d);
                total -= gone == null ? 0 : gone.records().size();
            }
        }
    }

    /** Where records of the last {@link #HOT_SPAN} and of clocks up to a day ahead land (AuditWriter's rule). */
    private static boolean hot(LocalDate d, Instant now) {
        return !d.isBefore(utc(now.minus(HOT_SPAN))) && !d.isAfter(utc(now).plusDays(1));
    }

    private static boolean recent(LocalDate d, LocalDate today) {
        return d.isAfter(today.minusDays(RECENT_DAYS)) && !d.isAfter(today.plusDays(1));
    }

    private static LocalDate utc(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}

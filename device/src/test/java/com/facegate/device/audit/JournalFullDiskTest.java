package com.facegate.device.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.device.support.TinyDisk;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 8, on a real full disk: a 1 MiB tmpfs mounted by the test (we run as root in CI; skipped with a
 * message where mounting is not permitted, {@code DiskFullTest} then covers the door with a simulated disk). The
 * journal fills it, writes fail with ENOSPC, the events wait in memory, the journal stays readable, and once the
 * disk frees every event is in the journal exactly once, in order, also after a reopen. A record the full disk
 * takes only part of (it starts in a page's last bytes) is cut back: left there, replay would stop at it and a reopen
 * would cut every later record.
 */
class JournalFullDiskTest {
    private static final int EVENTS = 60;
    /** tmpfs allocates whole pages: a record that starts in a page's last bytes and needs the next one is cut. */
    private static final int PAGE = 4096;
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    @TempDir
    Path dir;
    private TinyDisk tiny;

    @AfterEach
    void unmount() throws Exception {
        if (tiny != null) {
            tiny.close();
        }
    }

    private static AuditEvent event(int i) {
        return AuditEvent.of("door-1", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, Instant.now())
                .withReason(String.format("R%03d", i)).withDetails(java.util.Map.of("pad", "x".repeat(200)));
    }

    /** Every one the same length: a fixed time, a fixed-width reason, a UUID id. */
    private static AuditEvent sameSized(int i, int pad) {
        return AuditEvent.of("door-1", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, T0)
                .withReason(String.format("R%03d", i)).withDetails(java.util.Map.of("pad", "x".repeat(pad)));
    }

    private Path tinyDisk() throws Exception {
        tiny = TinyDisk.mount(dir.resolve("disk"), "1m");
        return tiny.path();
    }

    private static List<String> reasons(AuditJournal j) throws Exception {
        List<String> out = new ArrayList<>();
        for (AuditJournal.Entry e : j.unacknowledged(10_000)) {
            out.add(MessageCodec.decode(e.json(), AuditEvent.class).reason());
        }
        return out;
    }

    @Test
    void givenATinyDiskThatFills_whenEventsKeepComing_thenNoneIsLostAndAllAreJournalledInOrderOnceItFrees()
            throws Exception {
        Path disk = tinyDisk();
        List<String> told = new CopyOnWriteArrayList<>();
        DiskWatch watch = new DiskWatch(disk, 256 * 1024, DiskWatch.fileStore(), Clock.systemUTC(),
                new DiskWatch.Listener() {
                    @Override
                    public void full(String reason, java.util.Set<DiskWatch.StateFile> failing, long freeBytes,
                                     long minFreeBytes) {
                        told.add("full " + reason);
                    }

                    @Override
                    public void ok(long freeBytes, Duration downFor) {
                        told.add("ok");
                    }
                });
        List<String> expected = new ArrayList<>();
        try (AuditJournal journal = new AuditJournal(disk.resolve("journal"), 4096, 512 * 1024, 0.8)) {
            AuditLog log = new AuditLog(journal, "door-1", Clock.systemUTC());
            log.watch(watch);
            for (int i = 0; i < 10; i++) {
                log.record(event(i));
                expected.add(String.format("R%03d", i));
            }
            watch.check();
            assertThat(watch.fault()).isFalse();

            tiny.fill("filler");
            for (int i = 10; i < EVENTS; i++) {
                log.record(event(i));
                expected.add(String.format("R%03d", i));
            }
            assertThat(log.backlog()).as("events the full disk did not take").isPositive();
            watch.check();
            assertThat(watch.fault()).isTrue();
            assertThat(told).containsExactly("full LOW_SPACE");
            // What the journal holds is whole records, oldest first: replay would not stall on torn bytes.
            List<String> journalled = reasons(journal);
            assertThat(journalled).isEqualTo(expected.subList(0, journalled.size()));

            Files.delete(disk.resolve("filler"));
            watch.check();
            assertThat(watch.fault()).as("writes have not succeeded yet").isTrue();
            assertThat(log.flushBacklog()).isTrue();
            assertThat(log.backlog()).isZero();
            watch.check();
            assertThat(watch.fault()).isFalse();
            assertThat(told).containsExactly("full LOW_SPACE", "ok");
            assertThat(reasons(journal)).isEqualTo(expected);
        }
        try (AuditJournal reopened = new AuditJournal(disk.resolve("journal"), 4096, 512 * 1024, 0.8)) {
            assertThat(reasons(reopened)).isEqualTo(expected);
        }
    }

    @Test
    void givenARecordTheFullDiskTakesOnlyPartOf_whenTheDiskFrees_thenItAndEveryLaterOneAreReadInOrder()
            throws Exception {
        int pad = PAGE % recordSize(200) == 0 ? 201 : 200;
        int size = recordSize(pad);
        int whole = PAGE / size; // records that fit in the first page; the next one straddles its end
        Path at = tinyDisk();
        List<String> expected = new ArrayList<>();
        try (AuditJournal journal = new AuditJournal(at.resolve("journal"), 256 * 1024, 512 * 1024, 0.8)) {
            for (int i = 0; i < whole; i++) {
                journal.append(sameSized(i, pad));
                expected.add(String.format("R%03d", i));
            }
            assertThat(journal.totalBytes()).isEqualTo((long) whole * size).isLessThan(PAGE);
            Path filler = tiny.fill("filler");

            // The kernel takes the bytes that fit in the page (a short write), then refuses the rest (ENOSPC).
            assertThatThrownBy(() -> journal.append(sameSized(whole, pad))).isInstanceOf(UncheckedIOException.class);
            assertThat(journal.totalBytes()).isEqualTo((long) whole * size);

            Files.delete(filler);
            for (int i = whole; i < whole + 5; i++) { // the refused one again (as the backlog does), then more
                journal.append(sameSized(i, pad));
                expected.add(String.format("R%03d", i));
            }
            assertThat(reasons(journal)).as("replay does not stop at torn bytes").isEqualTo(expected);
        }
        try (AuditJournal reopened = new AuditJournal(at.resolve("journal"), 256 * 1024, 512 * 1024, 0.8)) {
            assertThat(reasons(reopened)).as("nothing after the torn bytes is cut at reopen").isEqualTo(expected);
        }
    }

    /** The bytes one {@link #sameSized} record takes in a journal (measured on the ordinary disk). */
    private int recordSize(int pad) throws Exception {
        Path measure = Files.createTempDirectory(dir, "measure");
        try (AuditJournal j = new AuditJournal(measure, 256 * 1024, 512 * 1024, 0.8)) {
            j.append(sameSized(0, pad));
            return Math.toIntExact(j.totalBytes());
        }
    }
}

package com.facegate.device.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.audit.DiskWatch;
import com.facegate.device.decision.HonouredIds.Outcome;
import com.facegate.device.support.TinyDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The once-only memory when its file cannot be written. An id that could not be recorded is reported as such and is
 * not held as honoured (the door must not act on it); a line the disk took only half of is cut back, so the next id
 * written after the disk frees survives a restart. Appends use a real full tmpfs; the compaction case needs none.
 */
class HonouredIdsFullDiskTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void givenAFullDisk_whenAnIdArrives_thenItIsNotHeldAsHonouredAndIsRecordedOnceTheDiskFrees() throws Exception {
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("disk"), "1m")) {
            Path file = disk.path().resolve("ids.log");
            try (HonouredIds ids = new HonouredIds(file, 100, WINDOW)) {
                Path filler = disk.fill("filler");

                assertThat(ids.remember("d:first", T0)).isEqualTo(Outcome.WRITE_FAILED);
                assertThat(ids.contains("d:first")).isFalse();
                assertThat(ids.size()).isZero();

                Files.delete(filler);
                assertThat(ids.remember("d:first", T0.plusSeconds(1))).isEqualTo(Outcome.REMEMBERED);
            }
            try (HonouredIds reopened = new HonouredIds(file, 100, WINDOW)) {
                assertThat(reopened.contains("d:first")).isTrue();
            }
        }
    }

    /**
     * Issue 16: the once-only memory's failed write is reported to the disk watch on its own. The free-space probe
     * here sees room (as with a disk out of inodes, or blocks reserved for root), and the journal's writes still
     * work (a full disk can take a record in a page the journal already holds): DISK_FULL is raised for this file
     * alone, stays raised until this file takes a write again, and the disk check's retry clears it.
     */
    @Test
    void givenOnlyTheOnceOnlyMemoryCannotWrite_whenTheDiskIsChecked_thenDiskFullNamesItUntilItWritesAgain()
            throws Exception {
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("disk"), "1m")) {
            Path file = disk.path().resolve("ids.log");
            List<String> told = new CopyOnWriteArrayList<>();
            DiskWatch watch = new DiskWatch(disk.path(), 1024, d -> 1L << 30, Clock.systemUTC(),
                    new DiskWatch.Listener() {
                        @Override
                        public void full(String reason, Set<DiskWatch.StateFile> failing, long freeBytes,
                                         long minFreeBytes) {
                            told.add("full " + reason + " " + failing);
                        }

                        @Override
                        public void ok(long freeBytes, Duration downFor) {
                            told.add("ok");
                        }
                    });
            try (HonouredIds ids = new HonouredIds(file, 100, WINDOW)) {
                ids.watch(watch);
                watch.check();
                assertThat(watch.fault()).isFalse();

                Path filler = disk.fill("filler");
                assertThat(ids.remember("d:refused", T0.plusSeconds(1))).isEqualTo(Outcome.WRITE_FAILED);
                watch.writeSucceeded(DiskWatch.StateFile.JOURNAL);
                watch.check();
                assertThat(watch.fault()).isTrue();
                assertThat(told).containsExactly("full WRITE_FAILED [HONOURED_IDS]");
                assertThat(ids.recheck()).as("still full").isFalse();
                watch.check();
                assertThat(watch.fault()).isTrue();

                Files.delete(filler);
                watch.check();
                assertThat(watch.fault()).as("not written since").isTrue();
                assertThat(ids.recheck()).isTrue();
                watch.check();
                assertThat(watch.fault()).isFalse();
                assertThat(told).containsExactly("full WRITE_FAILED [HONOURED_IDS]", "ok");
                assertThat(ids.remember("d:after", T0.plusSeconds(2))).isEqualTo(Outcome.REMEMBERED);
            }
            try (HonouredIds reopened = new HonouredIds(file, 100, WINDOW)) {
                assertThat(reopened.size()).as("the retry's empty line is no id").isEqualTo(1);
                assertThat(reopened.contains("d:after")).isTrue();
            }
        }
    }

    @Test
    void givenALineTheFullDiskTakesOnlyHalfOf_whenTheDiskFrees_thenTheNextIdSurvivesARestart() throws Exception {
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("disk"), "1m")) {
            Path file = disk.path().resolve("ids.log");
            List<String> kept = new ArrayList<>();
            String straddling = "d:straddles-the-page-" + "x".repeat(40);
            try (HonouredIds ids = new HonouredIds(file, 1000, WINDOW)) {
                // Lines up to just below the page's end: the next line starts in this page and ends in a new one.
                for (int i = 0; Files.size(file) < PAGE - 30; i++) {
                    assertThat(ids.remember("d:id-" + i, T0)).isEqualTo(Outcome.REMEMBERED);
                    kept.add("d:id-" + i);
                }
                long whole = Files.size(file);
                Path filler = disk.fill("filler");

                // The kernel takes the bytes that fit in the page and refuses the rest (a short write, then ENOSPC).
                assertThat(ids.remember(straddling, T0.plusSeconds(1))).isEqualTo(Outcome.WRITE_FAILED);
                assertThat(ids.contains(straddling)).isFalse();
                assertThat(Files.size(file)).as("cut back to the last whole line").isEqualTo(whole);

                Files.delete(filler);
                assertThat(ids.remember("d:after", T0.plusSeconds(2))).isEqualTo(Outcome.REMEMBERED);
                kept.add("d:after");
            }
            assertThat(Files.readAllLines(file)).allMatch(l -> l.matches("\\d+ d:(id-\\d+|after)"));
            try (HonouredIds reopened = new HonouredIds(file, 1000, WINDOW)) {
                assertThat(kept).allMatch(reopened::contains);
                assertThat(reopened.size()).isEqualTo(kept.size());
            }
        }
    }

    @Test
    void givenCompactionCannotWriteItsFile_whenIdsKeepComing_thenEachIsStillRememberedAndSurvivesARestart()
            throws Exception {
        Path file = dir.resolve("ids.log");
        // Root writes into read-only folders, but nobody writes a file where a folder stands.
        Files.createDirectories(dir.resolve("ids.log.tmp"));
        try (HonouredIds ids = new HonouredIds(file, 2, Duration.ofSeconds(10))) {
            for (int i = 0; i < 12; i++) {
                assertThat(ids.remember("c:id-" + i, T0.plusSeconds(6L * i))).isEqualTo(Outcome.REMEMBERED);
            }
        }
        try (HonouredIds reopened = new HonouredIds(file, 2, Duration.ofSeconds(10))) {
            assertThat(reopened.contains("c:id-11")).isTrue();
            assertThat(reopened.contains("c:id-10")).isTrue();
        }
    }
}

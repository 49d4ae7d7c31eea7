package com.facegate.device.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.decision.HonouredIds.Outcome;
import com.facegate.device.support.TinyDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

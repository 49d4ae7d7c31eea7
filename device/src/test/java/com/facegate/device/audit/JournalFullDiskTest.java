package com.facegate.device.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 8, on a real full disk: a 1 MiB tmpfs mounted by the test (we run as root in CI; skipped with a
 * message where mounting is not permitted, {@code DiskFullTest} then covers the door with a simulated disk). The
 * journal fills it, writes fail with ENOSPC, the events wait in memory, the journal stays readable, and once the
 * disk frees every event is in the journal exactly once, in order, also after a reopen.
 */
class JournalFullDiskTest {
    private static final int EVENTS = 60;

    @TempDir
    Path dir;
    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    private static AuditEvent event(int i) {
        return AuditEvent.of("door-1", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, Instant.now())
                .withReason(String.format("R%03d", i)).withDetails(java.util.Map.of("pad", "x".repeat(200)));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    private Path tinyDisk() throws Exception {
        Path at = Files.createDirectories(dir.resolve("disk"));
        String failure = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", at.toString());
        assumeTrue(failure == null, "skipped: cannot mount a tmpfs here (" + failure + "); DiskFullTest covers the"
                + " door with a simulated full disk");
        mounted = at;
        return at;
    }

    /** Writes until the disk refuses (ENOSPC). */
    private static void fill(Path file) {
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
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
                    public void full(String reason, long freeBytes, long minFreeBytes) {
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

            fill(disk.resolve("filler"));
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
}

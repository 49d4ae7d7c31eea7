package com.facegate.device.audit;

import com.facegate.protocol.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the door's state disk (journal, honoured ids, gallery) is full: raised when free space is below
 * {@code minFreeBytes} or a write of one of its {@link StateFile files} failed, cleared only when free space is back
 * to twice that and each file that failed was written again (hysteresis: a disk hovering at the mark raises it
 * once, not on every check). The door's decisions do not depend on it (fail-secure either way); it tells the
 * operator.
 */
public final class DiskWatch {
    private static final Logger LOG = LoggerFactory.getLogger(DiskWatch.class);
    /** DISK_FULL reason: free space below the configured minimum. */
    public static final String LOW_SPACE = "LOW_SPACE";
    /** DISK_FULL reason: a state file could not be written (ENOSPC, or any other I/O failure of the disk). */
    public static final String WRITE_FAILED = "WRITE_FAILED";

    /**
     * The state files whose writes the door must not lose, each told apart: a journal write that works again does
     * not clear a once-only memory that still cannot write (a full disk can take a record in a page the journal
     * already holds and refuse every new one).
     */
    public enum StateFile { JOURNAL, HONOURED_IDS }

    /** How much space is left for an unprivileged writer on the file system of {@code dir}. */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes(Path dir) throws IOException;
    }

    /** Told of each change, outside any lock of this watch (it may audit, which writes to the journal). */
    public interface Listener {
        /** {@code failing}: the files whose last write failed (empty when only the free space is low). */
        void full(String reason, Set<StateFile> failing, long freeBytes, long minFreeBytes);

        void ok(long freeBytes, Duration downFor);
    }

    private final Path dir;
    private final long minFreeBytes;
    private final FreeSpace probe;
    private final Clock clock;
    private final Listener listener;
    private final Set<StateFile> failing = ConcurrentHashMap.newKeySet();
    private volatile long freeBytes = -1;
    private volatile boolean fault;
    private Instant since;

    public DiskWatch(Path dir, long minFreeBytes, FreeSpace probe, Clock clock, Listener listener) {
        this.dir = dir;
        this.minFreeBytes = minFreeBytes;
        this.probe = probe;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * The real file system's free space (what a non-root writer may still use), measured at the nearest folder that
     * exists: a state folder a full disk would not let the door create is still on that disk.
     */
    public static FreeSpace fileStore() {
        return d -> {
            Path at = d.toAbsolutePath();
            while (!Files.exists(at) && at.getParent() != null) {
                at = at.getParent();
            }
            return Files.getFileStore(at).getUsableSpace();
        };
    }

    /** A write of {@code file} failed: the disk counts as full until one succeeds again. Lock-free. */
    public void writeFailed(StateFile file) {
        failing.add(file);
    }

    /** A write of {@code file} succeeded. Lock-free. */
    public void writeSucceeded(StateFile file) {
        failing.remove(file);
    }

    public boolean fault() {
        return fault;
    }

    /** Free bytes at the last check; -1 before the first or when the disk could not be measured. */
    public long freeBytes() {
        return freeBytes;
    }

    /** Measures the disk, raises or clears the fault; returns whether it changed. */
    public boolean check() {
        long free;
        try {
            free = probe.usableBytes(dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot measure free space of {}: {}", dir, Failures.describe(e));
            free = -1;
        }
        freeBytes = free;
        String raised = null;
        Duration cleared = null;
        Set<StateFile> failed;
        synchronized (this) {
            boolean low = free >= 0 && free < minFreeBytes;
            failed = failing.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(failing));
            Instant now = clock.instant();
            if (!fault && (low || !failed.isEmpty())) {
                fault = true;
                since = now;
                raised = low ? LOW_SPACE : WRITE_FAILED;
            } else if (fault && failed.isEmpty() && free >= 2 * minFreeBytes) {
                fault = false;
                cleared = Duration.between(since, now);
            }
        }
        if (raised != null) {
            listener.full(raised, failed, free, minFreeBytes);
        } else if (cleared != null) {
            listener.ok(free, cleared);
        }
        return raised != null || cleared != null;
    }
}

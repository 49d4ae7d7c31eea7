package com.facegate.device.audit;

import com.facegate.protocol.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the door's state disk (journal, honoured ids, gallery) is full: raised when free space is below
 * {@code minFreeBytes} or a journal write failed, cleared only when free space is back to twice that and writes
 * succeed again (hysteresis: a disk hovering at the mark raises it once, not on every check). The door's
 * decisions do not depend on it (fail-secure either way); it tells the operator.
 */
public final class DiskWatch {
    private static final Logger LOG = LoggerFactory.getLogger(DiskWatch.class);
    /** DISK_FULL reason: free space below the configured minimum. */
    public static final String LOW_SPACE = "LOW_SPACE";
    /** DISK_FULL reason: the journal could not write (ENOSPC, or any other I/O failure of the disk). */
    public static final String WRITE_FAILED = "WRITE_FAILED";

    /** How much space is left for an unprivileged writer on the file system of {@code dir}. */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes(Path dir) throws IOException;
    }

    /** Told of each change, outside any lock of this watch (it may audit, which writes to the journal). */
    public interface Listener {
        void full(String reason, long freeBytes, long minFreeBytes);

        void ok(long freeBytes, Duration downFor);
    }

    private final Path dir;
    private final long minFreeBytes;
    private final FreeSpace probe;
    private final Clock clock;
    private final Listener listener;
    private final AtomicBoolean writeFailing = new AtomicBoolean();
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

    /** The real file system's free space (what a non-root writer may still use). */
    public static FreeSpace fileStore() {
        return d -> Files.getFileStore(d).getUsableSpace();
    }

    /** A journal write failed: the disk counts as full until a write succeeds again. Lock-free. */
    public void writeFailed() {
        writeFailing.set(true);
    }

    /** A journal write succeeded. Lock-free. */
    public void writeSucceeded() {
        writeFailing.set(false);
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
        synchronized (this) {
            boolean low = free >= 0 && free < minFreeBytes;
            boolean failing = writeFailing.get();
            Instant now = clock.instant();
            if (!fault && (low || failing)) {
                fault = true;
                since = now;
                raised = low ? LOW_SPACE : WRITE_FAILED;
            } else if (fault && !failing && free >= 2 * minFreeBytes) {
                fault = false;
                cleared = Duration.between(since, now);
            }
        }
        if (raised != null) {
            listener.full(raised, free, minFreeBytes);
        } else if (cleared != null) {
            listener.ok(free, cleared);
        }
        return raised != null || cleared != null;
    }
}

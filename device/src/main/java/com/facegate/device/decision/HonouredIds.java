package com.facegate.device.decision;

import com.facegate.device.audit.DiskWatch;
import com.facegate.protocol.Failures;
import com.facegate.protocol.Problem;
import com.facegate.protocol.Validity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decision and command ids this door has already honoured, kept on disk (append + fsync before acting) so that a
 * replay after a restart also does nothing. Bounded by time, not by count: an id is kept for {@code window} after
 * it was honoured (long enough that any replay is refused as expired by then, see
 * {@link com.facegate.protocol.Validity#rememberFor}) and is never forgotten earlier. {@code capacity} only caps
 * memory: when that many ids are all still inside their window, a new one is refused ({@link Outcome#FULL}),
 * because forgetting one would let its message be replayed. The file is compacted when it grows to twice that.
 */
public final class HonouredIds implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HonouredIds.class);

    /**
     * What {@link #remember} did. {@code WRITE_FAILED}: the id could not be written (full or failing disk), so it
     * is not held as honoured and the message must not be acted on: unrecorded, it could be replayed after a restart.
     */
    public enum Outcome { REMEMBERED, ALREADY_HONOURED, FULL, WRITE_FAILED }

    private final Path file;
    private final int capacity;
    private final Duration window;
    private final LinkedHashMap<String, Long> ids = new LinkedHashMap<>();
    private FileChannel out;
    private int lines;
    /** The earliest honouring time held: nothing to forget (and no need to look) while it is inside the window. */
    private long oldest = Long.MAX_VALUE;
    /** A part line could not be cut back: the next line starts with a newline so that it is not glued to it. */
    private boolean torn;
    /** The file has been read: until then no id is known, so none may be remembered (it may be a replay). */
    private boolean loaded;
    /** The last write (or the open) failed. */
    private boolean failing;
    private DiskWatch disk;

    /**
     * Reads the ids honoured so far. A file that cannot be read or opened (a full or failing state disk) does not
     * fail the door: until it can, every {@link #remember} tries again and answers {@link Outcome#WRITE_FAILED}, so
     * nothing is acted on that this memory could not refuse after a restart.
     */
    public HonouredIds(Path file, int capacity, Duration window) throws IOException {
        if (capacity < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("capacity and window must be positive");
        }
        this.file = file;
        this.capacity = capacity;
        this.window = window;
        try {
            load();
            out = open(file);
        } catch (IOException e) {
            failing = true;
            LOG.error("honoured ids cannot be opened file={} error={}; remote decisions and commands are refused"
                    + " until they can be recorded", file, Failures.describe(e));
        }
    }

    /** The ids in the file, once; a torn last line is skipped. */
    private void load() throws IOException {
        if (loaded) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ids.clear();
        lines = 0;
        oldest = Long.MAX_VALUE;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int sp = line.indexOf(' ');
                if (sp > 0 && sp < line.length() - 1) { // a torn last line is skipped
                    try {
                        long t = Long.parseLong(line.substring(0, sp));
                        ids.put(line.substring(sp + 1), t);
                        oldest = Math.min(oldest, t);
                        lines++;
                    } catch (NumberFormatException ignored) {
                        // torn line
                    }
                }
            }
        }
        loaded = true;
    }

    /**
     * Where a failed write is reported (it raises DISK_FULL) and a write that works again; told at once when this
     * memory could not be opened.
     */
    public synchronized void watch(DiskWatch watch) {
        this.disk = watch;
        if (failing) {
            watch.writeFailed(DiskWatch.StateFile.HONOURED_IDS);
        }
    }

    /**
     * After a failed write, whether the file takes writes again: an empty line (skipped on reload) is appended and
     * synced. The disk check calls it, so that the fault clears when the disk does, not at the next message.
     */
    public synchronized boolean recheck() {
        if (!failing) {
            return true;
        }
        return append("");
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** False while the file could not be read: {@link #remember} then refuses every id. */
    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    /**
     * Durably remembers {@code id}, honoured at {@code at}, unless it was honoured before or the memory is full of
     * ids still inside their window.
     */
    public synchronized Outcome remember(String id, Instant at) {
        if (!readable()) {
            return Outcome.WRITE_FAILED;
        }
        if (ids.containsKey(id)) {
            return Outcome.ALREADY_HONOURED;
        }
        forgetBefore(at.minus(window).toEpochMilli());
        if (ids.size() >= capacity) {
            return Outcome.FULL;
        }
        long t = at.toEpochMilli();
        if (!append(t + " " + id + "\n")) {
            return Outcome.WRITE_FAILED;
        }
        ids.put(id, t);
        oldest = Math.min(oldest, t);
        if (++lines > 2 * capacity) {
            try {
                compact();
            } catch (IOException e) {
                // The id is already durable in the uncompacted file; compaction is tried again at the next id.
                LOG.warn("honoured ids not compacted file={} error={}", file, Failures.describe(e));
            }
        }
        return Outcome.REMEMBERED;
    }

    /**
     * Appends one whole line and syncs it; false when the disk would not take it. A line the disk took only part
     * of (a short write, then ENOSPC) is cut back: left there, the next line would be glued to it and lost on reload.
     */
    private boolean append(String line) {
        long before = -1;
        try {
            load();
            if (out == null) {
                out = open(file);
            }
            before = out.size();
            ByteBuffer b = ByteBuffer.wrap((torn || line.isEmpty() ? "\n" + line : line)
                    .getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(false);
            torn = false;
            written();
            return true;
        } catch (IOException e) {
            if (!line.isEmpty()) {
                LOG.error("honoured id not recorded, message refused file={} error={}", file, Failures.describe(e));
            }
            cutBack(before);
            failed();
            return false;
        }
    }

    /** Reads the file if that has not worked yet: ids honoured before must be known before a new one is taken. */
    private boolean readable() {
        try {
            load();
            return true;
        } catch (IOException e) {
            LOG.error("honoured ids not readable, message refused file={} error={}", file, Failures.describe(e));
            failed();
            return false;
        }
    }

    /** Told to the disk watch, which raises DISK_FULL for this file until {@link #written}. */
    private void failed() {
        failing = true;
        if (disk != null) {
            disk.writeFailed(DiskWatch.StateFile.HONOURED_IDS);
        }
    }

    private void written() {
        if (failing) {
            LOG.warn("honoured ids can be written again file={}", file);
        }
        failing = false;
        if (disk != null) {
            disk.writeSucceeded(DiskWatch.StateFile.HONOURED_IDS);
        }
    }

    private void cutBack(long size) {
        if (out == null || size < 0) {
            return;
        }
        try {
            out.truncate(size);
        } catch (IOException e) {
            // Reopened at the next id, which starts on a line of its own; the part line is skipped on reload.
            LOG.error("honoured ids not cut back file={} error={}", file, Failures.describe(e));
            torn = true;
            close();
            out = null;
        }
    }

    public synchronized int size() {
        return ids.size();
    }

    /** What a message's {@code idField} breaks when it is refused with {@link Outcome#FULL}. */
    public Problem fullProblem(String idField) {
        return new Problem(idField, "once-only memory holds " + capacity + " ids honoured in the last "
                + Validity.span(window) + "; refused rather than forget one");
    }

    /**
     * Drops ids honoured before {@code cutoff}. Every entry is looked at, not just the oldest: after the clock was
     * stepped back, insertion order is no longer time order, and an id inside the window must never go.
     */
    private void forgetBefore(long cutoff) {
        if (oldest >= cutoff) {
            return;
        }
        ids.values().removeIf(t -> t < cutoff);
        oldest = ids.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    private void compact() throws IOException {
        List<String> keep = new ArrayList<>(ids.size());
        ids.forEach((id, t) -> keep.add(t + " " + id));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, keep, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        lines = keep.size();
        // The old channel now appends to a replaced file: the next id goes to the new one, reopened here or then.
        close();
        out = null;
        out = open(file);
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // closing a file we only append to
        }
    }
}

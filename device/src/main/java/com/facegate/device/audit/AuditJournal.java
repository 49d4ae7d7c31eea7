package com.facegate.device.audit;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Failures;
import com.facegate.protocol.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only, fsync-per-record audit journal in segment files, with a persisted acknowledgement position.
 *
 * <p>Record format: {@code int length, int crc32c, length bytes of AuditEvent JSON}. A torn tail left by a power
 * cut or {@code kill -9} fails its length/CRC check and is cut off at open. The ack file holds the position up to
 * which the broker has acknowledged; it is replaced atomically (write, fsync, rename). Delivery is therefore
 * at-least-once: a crash between PUBACK and the ack write re-sends a few records, which the cloud dedupes by the
 * event id.
 *
 * <p>Bounded: segments wholly before the ack position are deleted. Past {@code nearFullRatio} of
 * {@code maxBytes} the caller is told once (JOURNAL_NEAR_FULL). When full, the OLDEST unacknowledged segment is
 * dropped (counted, and reported as a FAULT record) so that appending never blocks or fails the door: the newest
 * events (a forced door now) matter more than the oldest ones of a long outage.
 */
public final class AuditJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditJournal.class);

    /** One stored record and the position just after it. */
    public record Entry(byte[] json, JournalPosition next) {}

    private final Path dir;
    private final AckFile ackFile;
    private final long segmentBytes;
    private final long maxBytes;
    private final double nearFullRatio;
    private final TreeMap<Long, Long> segmentSizes = new TreeMap<>();
    private FileChannel current;
    private long currentSegment;
    private JournalPosition acked;
    private long pending;
    private long dropped;
    private boolean nearFullSignalled;
    private final Object appended = new Object();

    /**
     * Opens the journal in {@code dir}. A journal that cannot be opened (a full or read-only state disk: its folder
     * or first segment cannot be created) does not fail the door: it is opened again at the next append, which
     * fails until then, so the caller keeps the event (see {@link AuditLog}) and the disk is reported full.
     */
    public AuditJournal(Path dir, long segmentBytes, long maxBytes, double nearFullRatio) throws IOException {
        this.dir = dir;
        this.ackFile = new AckFile(dir);
        this.segmentBytes = segmentBytes;
        this.maxBytes = maxBytes;
        this.nearFullRatio = nearFullRatio;
        try {
            open();
        } catch (IOException e) {
            LOG.error("audit journal cannot be opened in {} ({}); events wait in memory, opened again at each write",
                    dir, Failures.describe(e));
        }
    }

    /** Reads the segments and the ack position, cuts a torn tail; {@link #current} is set last, once all worked. */
    private void open() throws IOException {
        Files.createDirectories(dir);
        segmentSizes.clear();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".seg")).forEach(p -> {
                String n = p.getFileName().toString();
                segmentSizes.put(Long.parseLong(n.substring(0, n.length() - 4)), 0L);
            });
        }
        if (segmentSizes.isEmpty()) {
            segmentSizes.put(1L, 0L);
        }
        acked = readAck();
        if (acked.segment() < segmentSizes.firstKey()) {
            acked = new JournalPosition(segmentSizes.firstKey(), 0);
        }
        // Validate every segment; cut a torn tail (only the last can have one, but be lenient).
        for (Long seg : List.copyOf(segmentSizes.keySet())) {
            long valid = JournalRecords.validLength(segmentPath(seg));
            segmentSizes.put(seg, valid);
        }
        currentSegment = segmentSizes.lastKey();
        FileChannel ch = FileChannel.open(segmentPath(currentSegment), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        try {
            long valid = segmentSizes.get(currentSegment);
            if (ch.size() > valid) {
                LOG.warn("audit journal: cutting {} torn bytes from segment {}", ch.size() - valid, currentSegment);
                ch.truncate(valid);
                ch.force(true);
            }
            ch.position(valid);
            pending = countFrom(acked);
            current = ch;
            dropSegmentsBeforeAck();
        } catch (IOException e) {
            current = null;
            ch.close();
            throw e;
        }
        LOG.info("audit journal open: {} segment(s), {} record(s) awaiting acknowledgement", segmentSizes.size(),
                pending);
    }

    /**
     * Appends and fsyncs one event. Returns true when the journal just crossed its near-full mark (the caller
     * raises the alarm once). Never blocks on the network.
     */
    public boolean append(AuditEvent event) {
        byte[] json = MessageCodec.encode(event);
        boolean crossed;
        synchronized (this) {
            try {
                if (current == null) {
                    open();
                }
                if (segmentSizes.get(currentSegment) + JournalRecords.HEADER + json.length > segmentBytes
                        && segmentSizes.get(currentSegment) > 0) {
                    roll();
                }
                ByteBuffer b = JournalRecords.frame(json);
                long recordBytes = b.remaining();
                while (b.hasRemaining()) {
                    current.write(b);
                }
                current.force(false);
                segmentSizes.merge(currentSegment, recordBytes, Long::sum);
                pending++;
                enforceBound();
                crossed = !nearFullSignalled && totalBytes() >= nearFullRatio * maxBytes;
                if (crossed) {
                    nearFullSignalled = true;
                } else if (totalBytes() < nearFullRatio * maxBytes * 0.9) {
                    nearFullSignalled = false;
                }
            } catch (IOException e) {
                rewind();
                throw new UncheckedIOException("audit journal write failed", e);
            }
        }
        synchronized (appended) {
            appended.notifyAll();
        }
        return crossed;
    }

    /** Waits up to {@code millis} for a new append (or returns at once when records are pending). */
    @SuppressWarnings("WaitNotInLoop") // a spurious wake-up only returns early, which every caller's loop tolerates
    public void awaitRecords(long millis) throws InterruptedException {
        synchronized (appended) {
            if (pending() == 0) {
                appended.wait(millis);
            }
        }
    }

    /** Up to {@code max} records after the acknowledged position, in order. */
    public synchronized List<Entry> unacknowledged(int max) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (current == null) {
            return out;
        }
        JournalPosition pos = acked;
        while (out.size() < max) {
            Long seg = pos.segment();
            Long size = segmentSizes.get(seg);
            if (size == null || pos.offset() >= size) {
                Long next = segmentSizes.higherKey(seg);
                if (next == null) {
                    break;
                }
                pos = new JournalPosition(next, 0);
                continue;
            }
            pos = JournalRecords.readInto(segmentPath(seg), pos, size, max, out);
            if (pos == null) {
                break; // unreadable in the middle: should not happen after the open-time scan
            }
        }
        return out;
    }

    /** Records the broker's acknowledgement of everything before {@code upTo}; durable before returning. */
    public synchronized void acknowledge(JournalPosition upTo, int records) throws IOException {
        if (current == null || upTo.compareTo(acked) <= 0) {
            return;
        }
        ackFile.write(upTo);
        acked = upTo;
        pending = Math.max(0, pending - records);
        dropSegmentsBeforeAck();
    }

    public synchronized long pending() {
        return pending;
    }

    /** Records dropped because the journal was full, since this process started. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized long totalBytes() {
        return segmentSizes.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public synchronized void close() {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            LOG.warn("closing audit journal: {}", Failures.describe(e));
        }
    }

    /**
     * The next segment is opened before the current one is closed: on a full disk the open fails and the journal
     * keeps appending to (or failing on) a segment it still has open, never on a closed channel.
     */
    private void roll() throws IOException {
        FileChannel next = FileChannel.open(segmentPath(currentSegment + 1), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        current.close();
        current = next;
        currentSegment++;
        segmentSizes.put(currentSegment, 0L);
    }

    /**
     * After a failed write (a full disk: ENOSPC on write or on fsync) the segment may hold part of the record: cut
     * it back to the last whole record, so the next append lands where the readers expect it and replay does not
     * stop at the torn bytes.
     */
    private void rewind() {
        if (current == null) {
            return;
        }
        long valid = segmentSizes.get(currentSegment);
        try {
            if (current.size() > valid) {
                current.truncate(valid);
            }
            current.position(valid);
        } catch (IOException e) {
            LOG.error("audit journal: cannot cut segment {} back to {} bytes ({})", currentSegment, valid,
                    Failures.describe(e));
        }
    }

    private void enforceBound() throws IOException {
        while (totalBytes() > maxBytes && segmentSizes.size() > 1) {
            long oldest = segmentSizes.firstKey();
            JournalPosition from = acked.segment() == oldest ? acked : new JournalPosition(oldest, 0);
            long lost = countIn(oldest, from.offset());
            Files.deleteIfExists(segmentPath(oldest));
            segmentSizes.remove(oldest);
            acked = new JournalPosition(segmentSizes.firstKey(), 0);
            pending -= lost;
            dropped += lost;
            LOG.error("audit journal full: dropped {} unacknowledged record(s) of segment {}", lost, oldest);
        }
    }

    private void dropSegmentsBeforeAck() throws IOException {
        while (segmentSizes.size() > 1 && segmentSizes.firstKey() < acked.segment()) {
            long seg = segmentSizes.pollFirstEntry().getKey();
            Files.deleteIfExists(segmentPath(seg));
        }
        // A fully acknowledged, closed segment at the ack position is also done.
        if (segmentSizes.size() > 1 && acked.offset() >= segmentSizes.firstEntry().getValue()
                && acked.segment() == segmentSizes.firstKey()) {
            long seg = segmentSizes.pollFirstEntry().getKey();
            Files.deleteIfExists(segmentPath(seg));
            acked = new JournalPosition(segmentSizes.firstKey(), 0);
        }
    }

    private long countFrom(JournalPosition from) throws IOException {
        long n = 0;
        for (Long seg : segmentSizes.keySet()) {
            if (seg >= from.segment()) {
                n += countIn(seg, seg == from.segment() ? from.offset() : 0);
            }
        }
        return n;
    }

    private long countIn(long seg, long fromOffset) throws IOException {
        return JournalRecords.count(segmentPath(seg), fromOffset, segmentSizes.getOrDefault(seg, 0L));
    }

    private JournalPosition readAck() throws IOException {
        return ackFile.read().orElseGet(() -> new JournalPosition(segmentSizes.firstKey(), 0));
    }

    private Path segmentPath(long seg) {
        return dir.resolve(String.format("%016d.seg", seg));
    }
}

package com.facegate.device.audit;

import com.facegate.protocol.MessageCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal's record format, {@code int length, int crc32c, length bytes of JSON}, in one place: framing a record
 * for {@link AuditJournal#append} and reading records back from a segment file (replay, counting, and the open-time
 * scan that finds where a torn tail begins). A record that fails its length or CRC check reads as the end.
 */
final class JournalRecords {
    static final int HEADER = 8;
    private static final int MAX_RECORD = MessageCodec.MAX_BYTES;

    private JournalRecords() {}

    /** One record, header and body, ready to write. */
    static ByteBuffer frame(byte[] json) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + json.length);
        CRC32C crc = new CRC32C();
        crc.update(json);
        b.putInt(json.length).putInt((int) crc.getValue()).put(json).flip();
        return b;
    }

    /**
     * Adds the records of {@code segment} from {@code from} up to its valid {@code size} to {@code out} until it holds
     * {@code max}. Returns the position after the last record added, or null when a record before {@code size}
     * cannot be read (should not happen after the open-time scan).
     */
    static JournalPosition readInto(Path segment, JournalPosition from, long size, int max,
            List<AuditJournal.Entry> out) throws IOException {
        JournalPosition pos = from;
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            ch.position(from.offset());
            while (out.size() < max && ch.position() < size) {
                byte[] json = next(ch);
                if (json == null) {
                    break;
                }
                pos = new JournalPosition(from.segment(), ch.position());
                out.add(new AuditJournal.Entry(json, pos));
            }
            if (ch.position() < size && out.size() < max) {
                return null;
            }
        }
        return pos;
    }

    /** How many whole records {@code segment} holds from {@code fromOffset} up to {@code size}. */
    static long count(Path segment, long fromOffset, long size) throws IOException {
        long n = 0;
        if (fromOffset >= size) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            ch.position(fromOffset);
            while (ch.position() < size && next(ch) != null) {
                n++;
            }
        }
        return n;
    }

    /** The length of the leading run of whole records: anything after it is a torn tail (0 for a missing file). */
    static long validLength(Path segment) throws IOException {
        if (!Files.exists(segment)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            long valid = 0;
            while (next(ch) != null) {
                valid = ch.position();
            }
            return valid;
        }
    }

    /** The next record's JSON, or null (position unchanged) at the end or at a torn/corrupt record. */
    private static byte[] next(FileChannel ch) throws IOException {
        long start = ch.position();
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        if (readFully(ch, h) < HEADER) {
            ch.position(start);
            return null;
        }
        h.flip();
        int len = h.getInt();
        int crc = h.getInt();
        if (len <= 0 || len > MAX_RECORD) {
            ch.position(start);
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(len);
        if (readFully(ch, body) < len) {
            ch.position(start);
            return null;
        }
        CRC32C c = new CRC32C();
        c.update(body.array());
        if ((int) c.getValue() != crc) {
            ch.position(start);
            return null;
        }
        return body.array();
    }

    private static int readFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                break;
            }
        }
        return b.position();
    }
}

package com.facegate.device.decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decision and command ids this door has already honoured, kept on disk (append + fsync before acting) so that a
 * replay after a restart also does nothing. Bounded: the newest {@code capacity} ids are kept; the file is
 * compacted when it grows to twice that. Ids older than any message's lifetime are harmless to forget because
 * such a message is rejected as expired anyway.
 */
public final class HonouredIds implements AutoCloseable {
    private final Path file;
    private final int capacity;
    private final LinkedHashMap<String, Long> ids;
    private FileChannel out;
    private int lines;

    public HonouredIds(Path file, int capacity) throws IOException {
        this.file = file;
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > HonouredIds.this.capacity;
            }
        };
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int sp = line.indexOf(' ');
                if (sp > 0 && sp < line.length() - 1) { // a torn last line is skipped
                    try {
                        ids.put(line.substring(sp + 1), Long.parseLong(line.substring(0, sp)));
                        lines++;
                    } catch (NumberFormatException ignored) {
                        // torn line
                    }
                }
            }
        }
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    /** True when {@code id} was new and is now durably remembered; false when it was honoured before. */
    public synchronized boolean remember(String id, Instant at) {
        if (ids.containsKey(id)) {
            return false;
        }
        try {
            out.write(ByteBuffer.wrap((at.toEpochMilli() + " " + id + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(false);
            ids.put(id, at.toEpochMilli());
            if (++lines > 2 * capacity) {
                compact();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist honoured id", e);
        }
    }

    public synchronized int size() {
        return ids.size();
    }

    private void compact() throws IOException {
        List<String> keep = new ArrayList<>(ids.size());
        ids.forEach((id, t) -> keep.add(t + " " + id));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, keep, StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        out.close();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = keep.size();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // closing a file we only append to
        }
    }
}

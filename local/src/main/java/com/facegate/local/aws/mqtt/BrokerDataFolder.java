package com.facegate.local.aws.mqtt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.ToLongFunction;

/**
 * The broker's data folder, checked before HiveMQ is started on it: HiveMQ itself waits forever on a folder it
 * cannot use ("Is another HiveMQ instance running?") and its file persistence fills a small disk at start.
 * Refuses, with the reason, a folder that is not writable, on a disk with less room than the mode needs, or in
 * use by another broker (an OS file lock held while the broker runs, released by the OS if the process dies).
 */
final class BrokerDataFolder implements AutoCloseable {
    /** File persistence: HiveMQ CE's stores (queues, sessions, retained) allocate their files up front. */
    static final long FILE_PERSISTENCE_MIN_FREE = 1024L * 1024 * 1024;
    /** In-memory persistence writes only small metadata files. */
    static final long IN_MEMORY_MIN_FREE = 16L * 1024 * 1024;

    private final FileChannel channel;
    private final FileLock lock;

    private BrokerDataFolder(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code data} for this broker; throws {@link IllegalStateException} naming what is wrong. */
    static BrokerDataFolder claim(Path data, boolean persistent, ToLongFunction<Path> usableSpace) {
        Path probe = data.resolve(".facegate-write-probe");
        try {
            Files.deleteIfExists(probe);
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("MQTT broker data folder " + data + " is not writable: " + e, e);
        }
        long need = persistent ? FILE_PERSISTENCE_MIN_FREE : IN_MEMORY_MIN_FREE;
        long free = usableSpace.applyAsLong(data);
        if (free < need) {
            throw new IllegalStateException("MQTT broker data folder " + data + " has " + mb(free) + " MB free; the "
                    + (persistent ? "file" : "in-memory") + " persistence needs at least " + mb(need) + " MB");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(data.resolve("facegate-broker.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException inThisProcess) {
                l = null;
            }
            if (l == null) {
                throw new IllegalStateException("MQTT broker data folder " + data
                        + " is in use by another running broker (another local stack on the same data folder?)");
            }
            return new BrokerDataFolder(ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new IllegalStateException("MQTT broker data folder " + data + " cannot be locked: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    static long usableSpace(Path p) {
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the free space of " + p + ": " + e, e);
        }
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing held yet
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the channel anyway
        }
    }
}

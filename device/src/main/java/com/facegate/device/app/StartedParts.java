package com.facegate.device.app;

import com.facegate.protocol.Failures;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a door has opened or started so far, each with how to stop it; {@link #close()} stops them newest-first
 * (the way LocalStack's {@code running} deque does), so a part never outlives what it depends on and a start
 * that fails half-way undoes exactly what it did.
 */
final class StartedParts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);

    /** How to stop one part. */
    @FunctionalInterface
    interface Stop {
        void stop() throws Exception;
    }

    private record Entry(String name, Stop stop) {}

    private final Deque<Entry> running = new ArrayDeque<>();

    /** Remembers an opened part; returns it, for assignment in one line. */
    <T extends AutoCloseable> T opened(String name, T part) {
        running.push(new Entry(name, part::close));
        return part;
    }

    /** Remembers that something started and how to stop it. */
    void started(String name, Stop stop) {
        running.push(new Entry(name, stop));
    }

    /** Stops everything, newest first; a part that fails to stop is logged and the rest still stop. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            Entry e = running.pop();
            try {
                e.stop().stop();
                LOG.debug("stopped {}", e.name());
            } catch (Exception | LinkageError ex) {
                LOG.error("stopping {} failed: {}", e.name(), Failures.describe(ex));
            }
        }
    }
}

package com.facegate.device.credential;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Where evdev event bytes come from: the grabbed device ({@link EvdevDevice}), or a stream in tests. */
public interface EventSource extends Closeable {
    /**
     * Reads up to {@code buf.length} bytes, waiting at most {@code timeoutMillis}: the count read, 0 when nothing
     * came in time, -1 at the end (the device is gone).
     */
    int read(byte[] buf, int timeoutMillis) throws IOException;

    /** Opens the source again after a failure. */
    @FunctionalInterface
    interface Opener {
        EventSource open() throws IOException;
    }

    /**
     * A stream (a pipe, a file being written) read without blocking past the timeout: it is only read when bytes
     * are available, so a quiet stream looks like a quiet device. Never reports an end.
     */
    static EventSource of(InputStream in) {
        return new EventSource() {
            @Override
            public int read(byte[] buf, int timeoutMillis) throws IOException {
                long until = System.nanoTime() + timeoutMillis * 1_000_000L;
                while (in.available() <= 0) {
                    if (System.nanoTime() >= until) {
                        return 0;
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                }
                return in.read(buf, 0, Math.min(buf.length, in.available()));
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}

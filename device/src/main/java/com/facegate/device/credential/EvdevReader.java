package com.facegate.device.credential;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A USB HID reader or keypad (keyboard wedge) read through evdev: {@code input_event} records become keys
 * ({@link KeyMap}) for a card reader ({@link CardKeys}) or a PIN keypad ({@link PinKeypad}). A lost device (USB
 * unplugged) is logged and opened again every {@code retry}; meanwhile nothing is presented.
 */
public final class EvdevReader implements CredentialReader {
    private static final Logger LOG = LoggerFactory.getLogger(EvdevReader.class);
    /** How often a quiet device is checked for stale half-typed entries. */
    private static final int POLL_MILLIS = 100;

    private final String name;
    private final EventSource.Opener opener;
    private final KeyHandler keys;
    private final Clock clock;
    private final Duration retry;
    private final Thread thread;
    private volatile boolean closed;

    private EvdevReader(String name, EventSource.Opener opener, KeyHandler keys, Clock clock, Duration retry) {
        this.name = name;
        this.opener = opener;
        this.keys = keys;
        this.clock = clock;
        this.retry = retry;
        this.thread = new Thread(this::run, "reader-" + name);
        thread.setDaemon(true);
    }

    /** A keyboard-wedge card reader: digits then ENTER; digits more than {@code keyTimeout} apart are dropped. */
    public static EvdevReader cards(String name, EventSource.Opener opener, Duration keyTimeout, Clock clock,
                                    Duration retry, Consumer<Presented> sink) {
        return new EvdevReader(name, opener, new CardKeys(name, keyTimeout, sink), clock, retry);
    }

    /** A USB PIN keypad: digits, * or ESC clears, # or ENTER submits. */
    public static EvdevReader keypad(String name, EventSource.Opener opener, int maxDigits, Duration keyTimeout,
                                     Clock clock, Duration retry, Consumer<Presented> sink) {
        return new EvdevReader(name, opener, new PinKeypad(name, maxDigits, keyTimeout, sink), clock, retry);
    }

    @Override
    public EvdevReader start() {
        thread.start();
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    private void run() {
        boolean reported = false;
        while (!closed) {
            try (EventSource s = opener.open()) {
                if (reported) {
                    LOG.info("{}: reading again", name);
                }
                reported = false;
                readAll(s);
            } catch (IOException | RuntimeException e) {
                keys.reset();
                if (closed) {
                    return;
                }
                if (!reported) {
                    LOG.warn("{}: cannot read ({}); retrying every {} ms", name, e.getMessage(), retry.toMillis());
                    reported = true;
                }
            }
            sleepBeforeRetry();
        }
    }

    private void readAll(EventSource s) throws IOException {
        KeyMap map = new KeyMap();
        byte[] buf = new byte[InputEvent.BYTES * 64];
        ByteBuffer pending = ByteBuffer.allocate(buf.length + InputEvent.BYTES);
        while (!closed) {
            int n = s.read(buf, POLL_MILLIS);
            if (n < 0) {
                throw new IOException("device gone");
            }
            pending.put(buf, 0, n).flip();
            while (pending.remaining() >= InputEvent.BYTES) {
                InputEvent e = InputEvent.read(pending);
                map.key(e).ifPresent(k -> keys.key(k, e.micros()));
            }
            pending.compact();
            keys.idle(clock.millis() * 1000);
        }
    }

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops the reading thread, which closes (and so ungrabs) the device itself within one poll. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keys.reset();
    }
}

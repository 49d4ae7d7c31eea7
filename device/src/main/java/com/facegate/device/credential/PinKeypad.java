package com.facegate.device.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PIN keypad's keys, from evdev or Wiegand bursts: digits, {@code *} clears, {@code #} hands the PIN over as
 * {@link Presented.Pin}. Digits left longer than the key timeout are dropped (the person walked away; the next
 * one must not finish their PIN); more than {@code maxDigits} clears the entry. The PIN leaves as its own array
 * (the receiver clears it) and the entry's buffer is overwritten; neither the digits nor their count are logged.
 */
final class PinKeypad implements KeyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PinKeypad.class);

    private final KeyEntry entry;
    private final Consumer<Presented> sink;
    private final String name;
    private final int maxDigits;

    PinKeypad(String name, int maxDigits, Duration keyTimeout, Consumer<Presented> sink) {
        this.name = name;
        this.maxDigits = maxDigits;
        this.entry = new KeyEntry(maxDigits, keyTimeout);
        this.sink = sink;
    }

    @Override
    public synchronized void key(char key, long micros) {
        if (key >= '0' && key <= '9') {
            KeyEntry.Added added = entry.add(key, micros);
            if (added == KeyEntry.Added.AFTER_TIMEOUT) {
                LOG.info("{}: PIN entry timed out between keys; started again", name);
            } else if (added == KeyEntry.Added.TOO_LONG) {
                LOG.info("{}: PIN entry longer than {} digits; cleared", name, maxDigits);
            }
        } else if (key == '*') {
            entry.clear();
        } else if (key == '#') {
            if (entry.expired(micros)) {
                entry.clear();
                LOG.info("{}: PIN entry timed out before enter; cleared", name);
            } else if (entry.length() > 0) {
                sink.accept(new Presented.Pin(entry.take(), Instant.ofEpochMilli(micros / 1000)));
            } else {
                entry.clear(); // the end of a spoiled (too long) entry
            }
        }
    }

    @Override
    public synchronized void idle(long micros) {
        if (entry.expired(micros)) {
            entry.clear();
            LOG.info("{}: PIN entry timed out; cleared", name);
        }
    }

    @Override
    public synchronized void reset() {
        entry.clear();
    }
}

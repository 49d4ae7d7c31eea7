package com.facegate.device.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keyboard-wedge card reader's keys: it types the card's digits and ENTER, within milliseconds. A partial
 * number (card pulled away, a reader reset) goes stale after the timeout and never joins the next card's digits.
 * Anything that is not a digit or ENTER is ignored. Card numbers are identifiers but stay out of INFO logs, so
 * nothing here logs one.
 */
final class CardKeys implements KeyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CardKeys.class);
    /** Longer than any card number a wedge reader types (a 64 bit UID is 20 decimal digits). */
    static final int MAX_DIGITS = 20;

    private final KeyEntry entry;
    private final Consumer<Presented> sink;
    private final String name;

    CardKeys(String name, Duration keyTimeout, Consumer<Presented> sink) {
        this.name = name;
        this.entry = new KeyEntry(MAX_DIGITS, keyTimeout);
        this.sink = sink;
    }

    @Override
    public void key(char key, long micros) {
        if (key >= '0' && key <= '9') {
            KeyEntry.Added added = entry.add(key, micros);
            if (added == KeyEntry.Added.AFTER_TIMEOUT) {
                LOG.info("{}: partial card number timed out; dropped", name);
            } else if (added == KeyEntry.Added.TOO_LONG) {
                LOG.warn("{}: card number longer than {} digits; dropped", name, MAX_DIGITS);
            }
        } else if (key == '#') {
            if (entry.expired(micros)) {
                entry.clear();
                LOG.info("{}: ENTER after a partial card number timed out; dropped", name);
            } else if (entry.length() > 0) {
                String number = new String(entry.take());
                sink.accept(new Presented.Card(number, Instant.ofEpochMilli(micros / 1000)));
            } else {
                entry.clear(); // the end of a spoiled (too long) number
            }
        }
    }

    @Override
    public void idle(long micros) {
        if (entry.expired(micros)) {
            entry.clear();
            LOG.info("{}: partial card number timed out; dropped", name);
        }
    }

    @Override
    public void reset() {
        entry.clear();
    }
}

package com.facegate.device.credential;

import java.time.Duration;
import java.util.Arrays;

/**
 * Digits typed one key at a time (a keyboard-wedge card reader, a PIN keypad), with a limit on the time between
 * keys: digits left standing longer are stale (someone walked away mid-PIN, a reader sent half a number) and are
 * dropped before the next key counts. The buffer is overwritten whenever it is emptied, since it may hold a PIN.
 * Times are microseconds of one clock (evdev event times, or the wall clock in the same unit).
 */
public final class KeyEntry {
    private final char[] digits;
    private final long timeoutMicros;
    private int length;
    private long lastMicros;
    private boolean spoiled;

    public KeyEntry(int maxDigits, Duration timeout) {
        if (maxDigits < 1) {
            throw new IllegalArgumentException("maxDigits must be at least 1");
        }
        this.digits = new char[maxDigits];
        this.timeoutMicros = timeout.toNanos() / 1000;
    }

    /** Outcome of one digit. */
    public enum Added { ADDED, AFTER_TIMEOUT, TOO_LONG, IGNORED }

    /**
     * Appends a digit typed at {@code micros}. Stale digits are dropped first ({@link Added#AFTER_TIMEOUT}: the
     * new digit starts a fresh entry). A digit past the maximum spoils the entry ({@link Added#TOO_LONG}): its
     * digits are wiped and the rest of it is {@link Added#IGNORED} until it is cleared or times out, since a
     * truncated number, or the tail of a long one, would be somebody else's.
     */
    public Added add(char digit, long micros) {
        if (digit < '0' || digit > '9') {
            throw new IllegalArgumentException("not a digit");
        }
        Added result = Added.ADDED;
        if (expired(micros)) {
            clear();
            result = Added.AFTER_TIMEOUT;
        }
        lastMicros = micros;
        if (spoiled) {
            return Added.IGNORED;
        }
        if (length == digits.length) {
            clear();
            spoiled = true;
            return Added.TOO_LONG;
        }
        digits[length++] = digit;
        return result;
    }

    /** Whether an entry is waiting and its last key came more than the timeout before {@code micros}. */
    public boolean expired(long micros) {
        return (length > 0 || spoiled) && micros - lastMicros > timeoutMicros;
    }

    /** The digits so far as a new array (the caller owns and clears it); the entry is empty and wiped after. */
    public char[] take() {
        char[] out = Arrays.copyOf(digits, length);
        clear();
        return out;
    }

    public int length() {
        return length;
    }

    /** Empties the entry and overwrites what it held; a spoiled entry is ready for new digits again. */
    public void clear() {
        Arrays.fill(digits, '\0');
        length = 0;
        spoiled = false;
    }
}

package com.facegate.device.credential;

import java.time.Duration;
import java.util.Optional;

/**
 * Assembles Wiegand bits into frames, by time alone (no GPIO here, so it is tested with synthetic pulses). A bit
 * is a falling edge on D0 (0) or D1 (1); a frame ends once the lines have been silent for {@code silence}. Two
 * edges closer than {@code minBitGap} are noise or both lines pulled at once (a reader fault, a tap on the wire),
 * and spoil the whole frame: guessing which bit was meant could turn a bad read into somebody else's card.
 *
 * <p>Accepted: 26 bit (H10301: even parity over bits 1-12, odd over 13-24, 8 bit facility, 16 bit card), 34 bit
 * (even over 1-16, odd over 17-32, 16 bit facility, 16 bit card), and keypad bursts of 4 bits (the key) or 8 bits
 * (the key in the low nibble, its complement in the high one). Not thread-safe: one caller at a time.
 */
public final class WiegandDecoder {
    /** Longer than any format we accept; a frame that keeps going is refused, not buffered forever. */
    static final int MAX_BITS = 64;

    private final long minGapNanos;
    private final long silenceNanos;
    private long bits;
    private int count;
    private long lastNanos;
    private String spoiled;

    /**
     * @param minBitGap shortest accepted time between two bits (readers send 0.2-20 ms; noise is faster)
     * @param silence   quiet time that ends a frame; longer than the slowest inter-bit gap a reader uses
     */
    public WiegandDecoder(Duration minBitGap, Duration silence) {
        if (silence.compareTo(minBitGap) <= 0) {
            throw new IllegalArgumentException("silence must be longer than minBitGap");
        }
        this.minGapNanos = minBitGap.toNanos();
        this.silenceNanos = silence.toNanos();
    }

    /**
     * One bit at {@code nanos} (a monotonic clock). Returns the previous frame if it had already ended (its
     * silence passed without {@link #endIfSilent} being asked).
     */
    public Optional<WiegandFrame> bit(int value, long nanos) {
        Optional<WiegandFrame> ended = endIfSilent(nanos);
        if (count > 0 && nanos - lastNanos < minGapNanos && spoiled == null) {
            spoiled = "garbage timing: bits " + micros(nanos - lastNanos) + " us apart (minimum "
                    + micros(minGapNanos) + " us)";
        }
        if (count < MAX_BITS) {
            bits = (bits << 1) | (value & 1);
        }
        count++;
        lastNanos = nanos;
        return ended;
    }

    /** The frame in progress if the lines have been quiet long enough at {@code nanos}, else empty. */
    public Optional<WiegandFrame> endIfSilent(long nanos) {
        if (count == 0 || nanos - lastNanos < silenceNanos) {
            return Optional.empty();
        }
        WiegandFrame f = decode();
        bits = 0;
        count = 0;
        spoiled = null;
        return Optional.of(f);
    }

    /** Whether bits are waiting for their frame to end. */
    public boolean inFrame() {
        return count > 0;
    }

    private WiegandFrame decode() {
        if (count > MAX_BITS) {
            return new WiegandFrame.Rejected(count, "too many bits: " + count + " (accepts 4, 8, 26, 34)");
        }
        if (spoiled != null) {
            return new WiegandFrame.Rejected(count, spoiled);
        }
        return switch (count) {
            case 26 -> card(26, 12);
            case 34 -> card(34, 16);
            case 4 -> key((int) bits);
            case 8 -> keyWithCheck((int) bits);
            default -> new WiegandFrame.Rejected(count, "wrong bit count: " + count + " (accepts 4, 8, 26, 34)");
        };
    }

    /**
     * A card of {@code n} bits: first bit even parity over the next {@code half}, last bit odd parity over the
     * {@code half} before it; the data between is facility ({@code half - 4} or {@code half} bits) then card.
     */
    private WiegandFrame card(int n, int half) {
        long data = (bits >>> 1) & ((1L << (n - 2)) - 1);
        long leading = bits >>> (n - 1 - half); // even parity bit + first half
        long trailing = bits & ((1L << (half + 1)) - 1); // second half + odd parity bit
        if (Long.bitCount(leading) % 2 != 0) {
            return new WiegandFrame.Rejected(n, "bad parity: even parity over bits 1-" + half + " fails");
        }
        if (Long.bitCount(trailing) % 2 != 1) {
            return new WiegandFrame.Rejected(n, "bad parity: odd parity over bits " + (half + 1) + "-" + (2 * half)
                    + " fails");
        }
        int numberBits = 16;
        int number = (int) (data & ((1L << numberBits) - 1));
        int facility = (int) (data >>> numberBits);
        return new WiegandFrame.Card(n, facility, number);
    }

    private static WiegandFrame key(int code) {
        if (code <= 9) {
            return new WiegandFrame.Key((char) ('0' + code));
        }
        if (code == 10) {
            return new WiegandFrame.Key('*');
        }
        if (code == 11) {
            return new WiegandFrame.Key('#');
        }
        return new WiegandFrame.Rejected(4, "key code " + code + " is no key (0-9, 10 = *, 11 = #)");
    }

    private static WiegandFrame keyWithCheck(int b) {
        int low = b & 0xF;
        int high = (b >>> 4) & 0xF;
        if (high != (~low & 0xF)) {
            return new WiegandFrame.Rejected(8, "8 bit key: high nibble is not the complement of the low one");
        }
        WiegandFrame k = key(low);
        return k instanceof WiegandFrame.Rejected r ? new WiegandFrame.Rejected(8, r.reason()) : k;
    }

    private static long micros(long nanos) {
        return nanos / 1000;
    }
}

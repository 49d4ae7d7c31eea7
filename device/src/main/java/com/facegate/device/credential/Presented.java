package com.facegate.device.credential;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a person presents at the door besides their face: a card read by a reader, or a PIN entered on a keypad.
 * Readers hand these to a {@code Consumer<Presented>}; the door attaches what is still fresh to the next capture.
 * {@code toString()} never shows a PIN and shows a card only by its length, so neither reaches a log by accident.
 */
public sealed interface Presented {
    /** When it was presented, by the door's clock. */
    Instant at();

    /** A card number as the reader decoded it (decimal digits; for Wiegand 26, facility and card joined). */
    record Card(String number, Instant at) implements Presented {
        public Card {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String toString() {
            return "Card[" + number.length() + " digits, at=" + at + "]";
        }
    }

    /** The digits of a PIN, entered and confirmed; the holder clears them ({@link #clear()}) once sealed. */
    record Pin(char[] digits, Instant at) implements Presented {
        public Pin {
            Objects.requireNonNull(digits, "digits");
            Objects.requireNonNull(at, "at");
        }

        /** Overwrites the digits in memory. */
        public void clear() {
            Arrays.fill(digits, '\0');
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pin p && Arrays.equals(digits, p.digits) && at.equals(p.at);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(digits) + at.hashCode();
        }

        @Override
        public String toString() {
            return "Pin[****, at=" + at + "]";
        }
    }
}

package com.facegate.device.credential;

/**
 * What one Wiegand burst turned out to be once the lines fell silent: a card, a keypad key, or a frame refused
 * with a reason. Reasons never include the bits, so a rejected frame cannot leak a card number into a log.
 */
public sealed interface WiegandFrame {
    /** A card frame with good parity: facility code and card number as the format defines them. */
    record Card(int bits, int facility, int number) implements WiegandFrame {
        /**
         * The decimal card number the door hands on: facility and number zero-padded and joined (26 bit:
         * 3 + 5 digits, 34 bit: 5 + 5), so "facility 12, card 345" is 01200345 and cannot collide with 1, 2345.
         */
        public String joined() {
            return bits == 26 ? String.format("%03d%05d", facility, number)
                    : String.format("%05d%05d", facility, number);
        }

        @Override
        public String toString() {
            return "Card[" + bits + " bits]";
        }
    }

    /** One key of a Wiegand keypad burst (4 bit, or 8 bit with its inverted check nibble): 0-9, * or #. */
    record Key(char key) implements WiegandFrame {
        @Override
        public String toString() {
            return "Key[*]";
        }
    }

    /** A frame that is not a card or a key: wrong bit count, bad parity, garbage timing. */
    record Rejected(int bits, String reason) implements WiegandFrame {}
}

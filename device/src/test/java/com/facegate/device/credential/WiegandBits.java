package com.facegate.device.credential;

/** Wiegand frames as bit strings ("0110..."), with the parity a real reader computes; for the decoder tests. */
final class WiegandBits {
    private WiegandBits() {}

    /** H10301: even parity, 8 bit facility, 16 bit card, odd parity. */
    static String h26(int facility, int card) {
        return withParity(binary(facility, 8) + binary(card, 16));
    }

    /** 34 bit: even parity, 16 bit facility, 16 bit card, odd parity. */
    static String w34(int facility, int card) {
        return withParity(binary(facility, 16) + binary(card, 16));
    }

    /** An 8 bit keypad burst: the inverted key in the high nibble, the key in the low one. */
    static String key8(int key) {
        return binary(~key & 0xF, 4) + binary(key, 4);
    }

    static String binary(int value, int width) {
        StringBuilder b = new StringBuilder(Integer.toBinaryString(value));
        while (b.length() < width) {
            b.insert(0, '0');
        }
        return b.toString();
    }

    /** Flips bit {@code i} (0 = the leading parity bit). */
    static String flip(String bits, int i) {
        char c = bits.charAt(i) == '0' ? '1' : '0';
        return bits.substring(0, i) + c + bits.substring(i + 1);
    }

    private static String withParity(String data) {
        int half = data.length() / 2;
        long first = data.substring(0, half).chars().filter(c -> c == '1').count();
        long second = data.substring(half).chars().filter(c -> c == '1').count();
        return (first % 2 == 0 ? "0" : "1") + data + (second % 2 == 0 ? "1" : "0");
    }
}

package com.facegate.device.credential;

import java.util.Optional;

/**
 * Turns evdev key events into the characters a card reader or keypad means: digits from the top row, the keypad
 * block and the numeric keys, {@code *} for ESC / keypad * / Shift+8 / backspace (clear), {@code #} for ENTER /
 * keypad ENTER / Shift+3 (submit). Only presses count: releases and auto-repeat (a key held down, a reader
 * that stutters) are not keys, and neither are other keys, modifiers or non-key events. Tracks Shift itself
 * because # and * arrive as Shift+3 and Shift+8 from wedges that emulate a US keyboard.
 */
public final class KeyMap {
    static final int KEY_ESC = 1;
    static final int KEY_1 = 2;
    static final int KEY_0 = 11;
    static final int KEY_BACKSPACE = 14;
    static final int KEY_ENTER = 28;
    static final int KEY_LEFTSHIFT = 42;
    static final int KEY_RIGHTSHIFT = 54;
    static final int KEY_KPASTERISK = 55;
    static final int KEY_KPENTER = 96;
    static final int KEY_NUMERIC_0 = 0x200;
    static final int KEY_NUMERIC_STAR = 0x20a;
    static final int KEY_NUMERIC_POUND = 0x20b;
    /** KEY_KP0..KEY_KP9 by digit. */
    private static final int[] KEYPAD = {82, 79, 80, 81, 75, 76, 77, 71, 72, 73};

    private boolean leftShift;
    private boolean rightShift;

    /** The character this event types, if any. */
    public Optional<Character> key(InputEvent e) {
        if (e.type() != InputEvent.EV_KEY) {
            return Optional.empty();
        }
        if (e.code() == KEY_LEFTSHIFT || e.code() == KEY_RIGHTSHIFT) {
            boolean down = e.value() != InputEvent.RELEASED;
            if (e.code() == KEY_LEFTSHIFT) {
                leftShift = down;
            } else {
                rightShift = down;
            }
            return Optional.empty();
        }
        if (e.value() != InputEvent.PRESSED) {
            return Optional.empty();
        }
        return Optional.ofNullable(character(e.code(), leftShift || rightShift));
    }

    private static Character character(int code, boolean shift) {
        if (code >= KEY_1 && code <= KEY_0) {
            char digit = code == KEY_0 ? '0' : (char) ('1' + code - KEY_1);
            if (!shift) {
                return digit;
            }
            if (digit == '3') {
                return '#';
            }
            if (digit == '8') {
                return '*';
            }
            return null;
        }
        if (shift) {
            return null;
        }
        for (int d = 0; d < KEYPAD.length; d++) {
            if (KEYPAD[d] == code) {
                return (char) ('0' + d);
            }
        }
        if (code >= KEY_NUMERIC_0 && code < KEY_NUMERIC_0 + 10) {
            return (char) ('0' + code - KEY_NUMERIC_0);
        }
        if (code == KEY_ESC || code == KEY_BACKSPACE || code == KEY_KPASTERISK || code == KEY_NUMERIC_STAR) {
            return '*';
        }
        if (code == KEY_ENTER || code == KEY_KPENTER || code == KEY_NUMERIC_POUND) {
            return '#';
        }
        return null;
    }
}

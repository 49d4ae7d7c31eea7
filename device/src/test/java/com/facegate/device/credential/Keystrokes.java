package com.facegate.device.credential;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Evdev input as a keyboard-wedge reader or USB keypad produces it: for every key an EV_MSC scan code, the
 * EV_KEY press, an EV_SYN, the release and another EV_SYN, each a real 24 byte {@code input_event}.
 */
final class Keystrokes {
    private final List<InputEvent> events = new ArrayList<>();
    private long micros;
    private final long stepMicros;

    Keystrokes(long startMicros, long stepMicros) {
        this.micros = startMicros;
        this.stepMicros = stepMicros;
    }

    /** Linux key code of a digit on the top row. */
    static int digitKey(char d) {
        return d == '0' ? KeyMap.KEY_0 : KeyMap.KEY_1 + (d - '1');
    }

    /** Types each digit of {@code digits} on the top row. */
    Keystrokes digits(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            char d = digits.charAt(i);
            key(digitKey(d));
        }
        return this;
    }

    /** A press and release of {@code code}. */
    Keystrokes key(int code) {
        raw(InputEvent.EV_MSC, 4, 0x70000 + code);
        raw(InputEvent.EV_KEY, code, InputEvent.PRESSED);
        raw(InputEvent.EV_SYN, 0, 0);
        raw(InputEvent.EV_KEY, code, InputEvent.RELEASED);
        raw(InputEvent.EV_SYN, 0, 0);
        return this;
    }

    /** A press only, or a held key's auto-repeat ({@link InputEvent#REPEATED}). */
    Keystrokes event(int code, int value) {
        raw(InputEvent.EV_KEY, code, value);
        raw(InputEvent.EV_SYN, 0, 0);
        return this;
    }

    Keystrokes enter() {
        return key(KeyMap.KEY_ENTER);
    }

    /** Nothing typed for {@code millis}. */
    Keystrokes pause(long millis) {
        micros += millis * 1000;
        return this;
    }

    private void raw(int type, int code, int value) {
        events.add(new InputEvent(micros, type, code, value));
        micros += stepMicros;
    }

    List<InputEvent> events() {
        return List.copyOf(events);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (InputEvent e : events) {
            out.writeBytes(e.bytes());
        }
        return out.toByteArray();
    }

    /** Feeds the events through a key map into {@code keys}, as {@link EvdevReader} does. */
    void typeInto(KeyHandler keys) {
        KeyMap map = new KeyMap();
        for (InputEvent e : events) {
            map.key(e).ifPresent(k -> keys.key(k, e.micros()));
        }
    }
}

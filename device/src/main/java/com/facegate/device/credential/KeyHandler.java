package com.facegate.device.credential;

/** Keys typed on a reader or keypad, one at a time, for {@link CardKeys} or {@link PinKeypad}. */
interface KeyHandler {
    /** A key: a digit, {@code *} (clear) or {@code #} (enter), typed at {@code micros}. */
    void key(char key, long micros);

    /** Nothing typed until {@code micros}: drops an entry left standing past its timeout. */
    void idle(long micros);

    /** The device went away: whatever was half-typed is dropped. */
    void reset();
}

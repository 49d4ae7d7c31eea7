package com.facegate.device.credential;

/** The door's status LED or buzzer: one line, on or off. Off is its state at start, on close and after a fault. */
public interface Indicator extends AutoCloseable {
    void set(boolean on);

    /** Turns it off and releases the line. Never throws. */
    @Override
    void close();

    /** A door without one: the cues still reach the log. */
    static Indicator none() {
        return new Indicator() {
            @Override
            public void set(boolean on) {}

            @Override
            public void close() {}
        };
    }
}

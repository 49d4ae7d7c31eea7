package com.facegate.protocol.retry;

import java.time.Duration;

/** Waits between attempts; a seam so that tests record the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    /** The thread really sleeps (and an interrupt ends the wait). */
    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis());
    }
}

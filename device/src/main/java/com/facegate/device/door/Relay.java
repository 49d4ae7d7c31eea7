package com.facegate.device.door;

import java.time.Duration;

/**
 * The lock relay. Energised = lock released. Every path that is not an explicit, bounded pulse ends with the
 * relay off (fail-secure): start, stop, errors.
 */
public interface Relay extends AutoCloseable {

    /** Energises the relay for {@code duration}, clamped to the hard cap; a pulse during a pulse extends it. */
    void pulse(Duration duration);

    /** De-energises now (locks). Never throws. */
    void off();

    boolean energised();

    /** Turns the relay off and releases the GPIO line. */
    @Override
    void close();
}

package com.facegate.device.credential;

/**
 * Something at the door that reads credentials — a card reader, a PIN keypad, or one device that is both — and
 * hands each one, as {@link Presented}, to the {@code Consumer<Presented>} it was built with. It reads on its own
 * thread from {@link #start()} until {@link #close()}; a reader that loses its device says so in the log and keeps
 * trying, and a door without its reader simply gets no credentials (it never opens because of one missing).
 *
 * <p>Kept this small so that an OSDP reader fits: osdp_RAW card data and osdp_KEYPAD keys become {@link Presented}
 * the same way, and its LED/buzzer commands are a {@link Indicator} (docs/architecture.md, "Door credentials").
 */
public interface CredentialReader extends AutoCloseable {
    /** Starts reading; returns this. */
    CredentialReader start();

    /** What and where, for logs ("wiegand D0=5 D1=6", "hid card /dev/input/event3"). */
    String name();

    /** Stops reading and releases the device (GPIO lines, the grabbed event device). Never throws. */
    @Override
    void close();
}

package com.facegate.device.credential;

import java.time.Duration;
import java.util.List;

/**
 * What the door tells the person in front of it, each cue a blink pattern on the status line: on/off steps in
 * milliseconds, repeated until the cue lasts its {@code hold} (then back to {@link #IDLE}). A buzzer on the same
 * line beeps the same pattern.
 */
public enum Cue {
    /** Nothing expected: line off. */
    IDLE(List.of(), Duration.ZERO),
    /** A card was read: now look at the camera (slow blink). */
    LOOK_AT_CAMERA(List.of(500, 500), Duration.ofSeconds(10)),
    /** The door waits for a PIN (steady on). */
    ENTER_PIN(List.of(1000, 0), Duration.ofSeconds(10)),
    /** PIN accepted (one long pulse). */
    PIN_ACCEPTED(List.of(1500, 500), Duration.ofSeconds(2)),
    /** Wrong PIN (three short pulses). */
    PIN_WRONG(List.of(100, 100, 100, 100, 100, 600), Duration.ofSeconds(2)),
    /** The badge is locked after too many wrong PINs (fast blink). */
    LOCKED_OUT(List.of(80, 80), Duration.ofSeconds(5)),
    /** For the technician: the door needs attention (its disk is full); two blips and a pause, shown when idle. */
    DOOR_FAULT(List.of(150, 150, 150, 1550), Duration.ofSeconds(4));

    @SuppressWarnings("ImmutableEnumChecker") // always a List.of(...): unmodifiable
    private final List<Integer> steps;
    private final Duration hold;

    Cue(List<Integer> steps, Duration hold) {
        this.steps = steps;
        this.hold = hold;
    }

    /** Alternating on/off durations in ms, starting with on; empty = off. */
    public List<Integer> steps() {
        return steps;
    }

    /** How long the cue is shown before the line goes back to idle. */
    public Duration hold() {
        return hold;
    }
}

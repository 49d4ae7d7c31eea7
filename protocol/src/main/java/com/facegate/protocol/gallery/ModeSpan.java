package com.facegate.protocol.gallery;

import java.time.Instant;

/**
 * From {@code from} until the next span (or the end of its gallery's {@link Gallery#modesUntil() timeline}) the door
 * runs {@code mode} (the cloud's name for it), and {@code takesCard} says whether a card presented there counts.
 * The cloud works this out from the door's schedule when it publishes the gallery and stays the authority: the door
 * only uses it not to start a capture for a card the cloud would ignore.
 */
public record ModeSpan(Instant from, String mode, boolean takesCard) {
    public ModeSpan {
        if (from == null || mode == null || mode.isBlank()) {
            throw new IllegalArgumentException("a mode span needs a start and a mode");
        }
    }
}

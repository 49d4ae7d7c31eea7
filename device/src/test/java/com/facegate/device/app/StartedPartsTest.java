package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's stop order: newest first, and one part failing to stop does not keep the rest running. */
class StartedPartsTest {
    private final List<String> stopped = new ArrayList<>();

    @Test
    void partsStopNewestFirstOnceEach() {
        StartedParts parts = new StartedParts();
        parts.opened("journal", () -> stopped.add("journal"));
        parts.started("replayer", () -> stopped.add("replayer"));
        parts.opened("capture", () -> stopped.add("capture"));

        parts.close();
        parts.close();

        assertThat(stopped).containsExactly("capture", "replayer", "journal");
    }

    @Test
    void aPartThatFailsToStopIsLoggedAndTheOlderOnesStillStop() {
        StartedParts parts = new StartedParts();
        parts.opened("relay", () -> stopped.add("relay"));
        parts.started("link", () -> {
            throw new IllegalStateException("broker gone");
        });
        parts.started("camera", () -> {
            stopped.add("camera");
            throw new java.io.IOException("device busy");
        });

        parts.close();

        assertThat(stopped).containsExactly("camera", "relay");
    }
}

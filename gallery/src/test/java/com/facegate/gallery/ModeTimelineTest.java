package com.facegate.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.ModeSpan;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mode timeline a door's gallery carries answers, at every instant of its horizon, what the registry's
 * {@link Door#modeAt} answers, across a window that runs past midnight and a daylight-saving change.
 */
class ModeTimelineTest {
    /** Friday noon in Berlin; the clocks go forward on Sunday 29 March 2026. */
    private static final Instant NOW = Instant.parse("2026-03-27T11:00:00Z");

    @Test
    void givenANightWindowAcrossADstChange_whenTheTimelineIsAsked_thenItAgreesWithTheRegistryAtEveryMinute() {
        Door door = new Door("door-n", "Entrance", "Europe/Berlin", List.of("staff"), List.of())
                .withModes(DoorMode.FACE, List.of(new ModeWindow(DoorMode.CARD_AND_FACE,
                        EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(20, 0),
                        LocalTime.of(6, 30))));

        List<ModeSpan> spans = ModeTimeline.of(door, NOW);
        Gallery g = new Gallery("door-n", NOW, 4, Map.of(), spans, ModeTimeline.until(NOW));

        assertThat(spans.get(0)).isEqualTo(new ModeSpan(NOW, "FACE", false));
        assertThat(spans.get(1)).isEqualTo(new ModeSpan(Instant.parse("2026-03-27T19:00:00Z"), "CARD_AND_FACE",
                true));
        // Monday 06:30 in summer time is 04:30 UTC: the night window ends an hour earlier in UTC than it began.
        assertThat(spans).contains(new ModeSpan(Instant.parse("2026-03-30T04:30:00Z"), "FACE", false));
        assertThat(spans).hasSize(2 * 3 + 1 + 2); // three nights this week, one more before the horizon ends
        for (Instant t = NOW; t.isBefore(ModeTimeline.until(NOW)); t = t.plus(Duration.ofMinutes(1))) {
            DoorMode expected = door.modeAt(t);
            assertThat(g.modeAt(t)).as("at %s", t).hasValueSatisfying(m -> {
                assertThat(m.mode()).isEqualTo(expected.name());
                assertThat(m.takesCard()).isEqualTo(expected.takesCard());
            });
        }
        assertThat(g.modeAt(ModeTimeline.until(NOW))).isEmpty();
    }

    @Test
    void givenADoorWithoutWindows_thenOneSpanOfItsDefault() {
        Door door = new Door("door-s", "Server room", "UTC", List.of("staff"), List.of())
                .withModes(DoorMode.CARD_AND_PIN, List.of());

        assertThat(ModeTimeline.of(door, NOW)).containsExactly(new ModeSpan(NOW, "CARD_AND_PIN", true));
    }
}

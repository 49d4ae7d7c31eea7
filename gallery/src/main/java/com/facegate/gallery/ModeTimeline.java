package com.facegate.gallery;

import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.protocol.gallery.ModeSpan;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A door's modes for the gallery: from now for {@link #HORIZON}, one span per change, each mode found by the
 * registry's own {@link Door#modeAt} (so the door's copy cannot read a schedule another way). A mode can change
 * only where a mode window starts or ends, in the door's time zone, so those are the only instants asked about.
 */
final class ModeTimeline {
    /** A week and a day: a door that fetched its gallery once knows its whole weekly schedule until the next. */
    static final Duration HORIZON = Duration.ofDays(8);

    private ModeTimeline() {}

    static List<ModeSpan> of(Door door, Instant now) {
        Instant end = now.plus(HORIZON);
        TreeSet<Instant> asked = new TreeSet<>();
        asked.add(now);
        try {
            ZoneId zone = ZoneId.of(door.timeZone() == null ? "UTC" : door.timeZone());
            LocalDate last = end.atZone(zone).toLocalDate().plusDays(1);
            for (LocalDate d = now.atZone(zone).toLocalDate().minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
                for (ModeWindow w : door.modeWindows()) {
                    boundary(asked, d, w.from(), zone, now, end);
                    boundary(asked, d, w.until(), zone, now, end);
                }
            }
        } catch (DateTimeException e) {
            // Not a valid zone: modeAt answers one mode at every instant, asked at now alone.
        }
        List<ModeSpan> spans = new ArrayList<>();
        DoorMode previous = null;
        for (Instant at : asked) {
            DoorMode mode = door.modeAt(at);
            if (mode != previous) {
                spans.add(new ModeSpan(at, mode.name(), mode.takesCard()));
                previous = mode;
            }
        }
        return spans;
    }

    /** Where the timeline ends: past it the door no longer knows its mode (and starts a capture for every card). */
    static Instant until(Instant now) {
        return now.plus(HORIZON);
    }

    private static void boundary(Set<Instant> asked, LocalDate day, LocalTime time, ZoneId zone, Instant now,
                                 Instant end) {
        Instant at = ZonedDateTime.of(day, time, zone).toInstant();
        if (at.isAfter(now) && at.isBefore(end)) {
            asked.add(at);
        }
    }
}

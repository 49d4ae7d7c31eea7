package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A weekly window in which a door runs another mode than its default, in the door's time zone; days, from and
 * until read as in {@link ScheduleWindow} (until at or before from runs past midnight).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModeWindow(DoorMode mode, Set<DayOfWeek> days, LocalTime from, LocalTime until) {
    public ModeWindow {
        if (mode == null) {
            throw new IllegalArgumentException("mode window needs a mode");
        }
        days = days == null ? Set.of() : Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("mode window needs at least one day");
        }
        if (from == null || until == null) {
            throw new IllegalArgumentException("mode window needs from and until");
        }
    }

    public boolean contains(ZonedDateTime local) {
        return new ScheduleWindow(null, days, from, until).contains(local);
    }
}

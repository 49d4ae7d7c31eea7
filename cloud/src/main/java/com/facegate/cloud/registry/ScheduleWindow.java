package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A weekly window on a door, in the door's time zone: {@code days} are the days the window starts on, from
 * {@code from} (inclusive) to {@code until} (exclusive). {@code until <= from} means it runs past midnight into the
 * next day (night shift). {@code group} null means the window is for the whole door.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleWindow(String group, Set<DayOfWeek> days, LocalTime from, LocalTime until) {

    public ScheduleWindow {
        days = days == null ? Set.of() : Set.copyOf(days);
        if (from == null || until == null) {
            throw new IllegalArgumentException("schedule window needs from and until");
        }
    }

    public boolean contains(ZonedDateTime local) {
        LocalTime t = local.toLocalTime();
        DayOfWeek today = local.getDayOfWeek();
        if (from.isBefore(until)) {
            return days.contains(today) && !t.isBefore(from) && t.isBefore(until);
        }
        // Past midnight: either the evening part of a listed day, or the morning part of the day after one.
        return (days.contains(today) && !t.isBefore(from)) || (days.contains(today.minus(1)) && t.isBefore(until));
    }
}

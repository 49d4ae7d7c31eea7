package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One door, stored at {@code registry/doors/{doorId}.json}: the groups allowed through it and, optionally,
 * weekly windows in its own time zone (IANA id, e.g. {@code Europe/Madrid}) and its own stranger-accept target per
 * visit ({@code falseAcceptTarget}, e.g. 1e-4; null: the site's, see {@code CloudConfig}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Door(String doorId, String name, String timeZone, List<String> allowedGroups,
                   List<ScheduleWindow> schedules, Double falseAcceptTarget) {
    public Door {
        allowedGroups = allowedGroups == null ? List.of() : List.copyOf(allowedGroups);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }

    /** A door that takes the site's false-accept target. */
    public Door(String doorId, String name, String timeZone, List<String> allowedGroups,
                List<ScheduleWindow> schedules) {
        this(doorId, name, timeZone, allowedGroups, schedules, null);
    }
}

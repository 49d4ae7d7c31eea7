package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One door, stored at {@code registry/doors/{doorId}.json}: the groups allowed through it and, optionally,
 * weekly windows in its own time zone (IANA id, e.g. {@code Europe/Madrid}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Door(String doorId, String name, String timeZone, List<String> allowedGroups,
                   List<ScheduleWindow> schedules) {
    public Door {
        allowedGroups = allowedGroups == null ? List.of() : List.copyOf(allowedGroups);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }
}

package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One door, stored at {@code registry/doors/{doorId}.json}: the groups allowed through it and, optionally,
 * weekly windows in its own time zone (IANA id, e.g. {@code Europe/Madrid}) and its own stranger-accept target per
 * visit ({@code falseAcceptTarget}, e.g. 1e-4; null: the site's, see {@code CloudConfig}). {@code mode} is what the
 * door asks for besides (or instead of) a face, null meaning {@link DoorMode#FACE}; {@code modeWindows} switch it
 * for weekly windows (the first window that holds wins), e.g. FACE in office hours and CARD_AND_FACE otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Door(String doorId, String name, String timeZone, List<String> allowedGroups,
                   List<ScheduleWindow> schedules, Double falseAcceptTarget, DoorMode mode,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModeWindow> modeWindows) {
    public Door {
        allowedGroups = allowedGroups == null ? List.of() : List.copyOf(allowedGroups);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
        modeWindows = modeWindows == null ? List.of() : List.copyOf(modeWindows);
    }

    /** A face-only door with its own false-accept target (null: the site's). */
    public Door(String doorId, String name, String timeZone, List<String> allowedGroups,
                List<ScheduleWindow> schedules, Double falseAcceptTarget) {
        this(doorId, name, timeZone, allowedGroups, schedules, falseAcceptTarget, null, List.of());
    }

    /** A face-only door that takes the site's false-accept target. */
    public Door(String doorId, String name, String timeZone, List<String> allowedGroups,
                List<ScheduleWindow> schedules) {
        this(doorId, name, timeZone, allowedGroups, schedules, null);
    }

    public Door withModes(DoorMode defaultMode, List<ModeWindow> windows) {
        return new Door(doorId, name, timeZone, allowedGroups, schedules, falseAcceptTarget, defaultMode, windows);
    }

    /**
     * The mode at this instant in the door's time zone. A door whose time zone is not valid asks for everything
     * (fail secure; {@link AccessRules} denies it as outside schedule anyway).
     */
    public DoorMode modeAt(Instant now) {
        ZonedDateTime local;
        try {
            local = now.atZone(ZoneId.of(timeZone == null ? "UTC" : timeZone));
        } catch (DateTimeException e) {
            return DoorMode.CARD_AND_FACE_AND_PIN;
        }
        for (ModeWindow w : modeWindows) {
            if (w.contains(local)) {
                return w.mode();
            }
        }
        return mode == null ? DoorMode.FACE : mode;
    }

    /** True when some mode of this door, at some time, takes more than a face. */
    @JsonIgnore
    public boolean takesSecondFactor() {
        return (mode != null && mode != DoorMode.FACE) || modeWindows.stream().anyMatch(w -> w.mode() != DoorMode.FACE);
    }
}

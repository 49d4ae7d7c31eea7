package com.facegate.cloud.registry;

import com.facegate.protocol.Reasons;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * May this badge open this door at this instant? Returns the DENY reason, or empty for "allowed".
 *
 * <p>Schedules: a group's windows are the door's windows for that group if there are any, else the door-wide
 * windows (group null); a group with no windows at all is unrestricted. The badge is inside the schedule when any
 * of its groups allowed at the door is inside its windows. A door whose time zone is invalid denies (fail secure).
 */
public final class AccessRules {
    private AccessRules() {}

    public static Optional<String> denyReason(Badge badge, Door door, Instant now) {
        if (badge.status() != Badge.Status.ACTIVE) {
            return Optional.of(Reasons.BADGE_REVOKED);
        }
        if (badge.validFrom() != null && now.isBefore(badge.validFrom())) {
            return Optional.of(Reasons.BADGE_NOT_YET_VALID);
        }
        if (badge.validUntil() == null || !now.isBefore(badge.validUntil())) {
            // A badge without an end date is a data error; refuse rather than grant forever.
            return Optional.of(Reasons.BADGE_EXPIRED);
        }
        Set<String> shared = new TreeSet<>(badge.groups());
        shared.retainAll(door.allowedGroups());
        if (shared.isEmpty()) {
            return Optional.of(Reasons.DOOR_NOT_ALLOWED);
        }
        ZonedDateTime local;
        try {
            local = now.atZone(ZoneId.of(door.timeZone() == null ? "UTC" : door.timeZone()));
        } catch (DateTimeException e) {
            return Optional.of(Reasons.OUTSIDE_SCHEDULE);
        }
        for (String group : shared) {
            List<ScheduleWindow> windows = door.schedules().stream().filter(w -> group.equals(w.group())).toList();
            if (windows.isEmpty()) {
                windows = door.schedules().stream().filter(w -> w.group() == null).toList();
            }
            if (windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(local))) {
                return Optional.empty();
            }
        }
        return Optional.of(Reasons.OUTSIDE_SCHEDULE);
    }
}

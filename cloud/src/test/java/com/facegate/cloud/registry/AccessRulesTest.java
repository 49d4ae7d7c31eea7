package com.facegate.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.protocol.Reasons;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    // Saturday 2026-11-28 08:00 UTC = 09:00 in Madrid (CET, UTC+1).
    static final Instant SAT_0800Z = Instant.parse("2026-11-28T08:00:00Z");
    static final Set<DayOfWeek> WEEKDAYS = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    static Badge badge(Badge.Status status, Instant from, Instant until, String... groups) {
        return new Badge("B-1", "Test Person", List.of(groups), from, until, status,
                new Consent(Instant.EPOCH, "v1", "admin"));
    }

    static Badge active(String... groups) {
        return badge(Badge.Status.ACTIVE, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                groups);
    }

    static Door door(List<ScheduleWindow> schedules, String... groups) {
        return new Door("front-door-01", "Front", "Europe/Madrid", List.of(groups), schedules);
    }

    @Test
    void activeBadgeInAllowedGroupWithoutScheduleIsAllowed() {
        assertThat(AccessRules.denyReason(active("staff"), door(List.of(), "staff"), SAT_0800Z)).isEmpty();
    }

    @Test
    void statusAndValidityWindow() {
        assertThat(AccessRules.denyReason(active("staff").withStatus(Badge.Status.REVOKED), door(List.of(), "staff"),
                SAT_0800Z)).contains(Reasons.BADGE_REVOKED);
        assertThat(AccessRules.denyReason(badge(Badge.Status.ACTIVE, SAT_0800Z.plusSeconds(1),
                SAT_0800Z.plusSeconds(3600), "staff"), door(List.of(), "staff"), SAT_0800Z))
                .contains(Reasons.BADGE_NOT_YET_VALID);
        assertThat(AccessRules.denyReason(badge(Badge.Status.ACTIVE, Instant.EPOCH, SAT_0800Z, "staff"),
                door(List.of(), "staff"), SAT_0800Z)).contains(Reasons.BADGE_EXPIRED);
        assertThat(AccessRules.denyReason(badge(Badge.Status.ACTIVE, Instant.EPOCH, null, "staff"),
                door(List.of(), "staff"), SAT_0800Z)).contains(Reasons.BADGE_EXPIRED);
    }

    @Test
    void groupsMustIntersect() {
        assertThat(AccessRules.denyReason(active("lab"), door(List.of(), "staff"), SAT_0800Z))
                .contains(Reasons.DOOR_NOT_ALLOWED);
        assertThat(AccessRules.denyReason(active(), door(List.of(), "staff"), SAT_0800Z))
                .contains(Reasons.DOOR_NOT_ALLOWED);
    }

    @Test
    void scheduleIsEvaluatedInTheDoorsTimeZone() {
        ScheduleWindow saturdayMorning = new ScheduleWindow(null, Set.of(DayOfWeek.SATURDAY), LocalTime.of(8, 30),
                LocalTime.of(12, 0));
        // 08:00 UTC is 09:00 in Madrid: inside 08:30-12:00 local, though outside it in UTC.
        assertThat(AccessRules.denyReason(active("staff"), door(List.of(saturdayMorning), "staff"),
                SAT_0800Z)).isEmpty();
        Door utc = new Door("d1", "d", "UTC", List.of("staff"), List.of(saturdayMorning));
        assertThat(AccessRules.denyReason(active("staff"), utc, SAT_0800Z)).contains(Reasons.OUTSIDE_SCHEDULE);
        ScheduleWindow weekdays = new ScheduleWindow(null, WEEKDAYS, LocalTime.of(7, 0), LocalTime.of(19, 0));
        assertThat(AccessRules.denyReason(active("staff"), door(List.of(weekdays), "staff"), SAT_0800Z))
                .contains(Reasons.OUTSIDE_SCHEDULE);
    }

    @Test
    void groupWindowsOverrideDoorWideWindowsAndAnyAllowedGroupSuffices() {
        ScheduleWindow weekdays = new ScheduleWindow(null, WEEKDAYS, LocalTime.of(7, 0), LocalTime.of(19, 0));
        ScheduleWindow securityAlways = new ScheduleWindow("security", Set.of(DayOfWeek.values()), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT);
        Door d = door(List.of(weekdays, securityAlways), "staff", "security");
        assertThat(AccessRules.denyReason(active("staff"), d, SAT_0800Z)).contains(Reasons.OUTSIDE_SCHEDULE);
        assertThat(AccessRules.denyReason(active("security"), d, SAT_0800Z)).isEmpty();
        assertThat(AccessRules.denyReason(active("staff", "security"), d, SAT_0800Z)).isEmpty();
    }

    @Test
    void nightShiftWindowRunsPastMidnight() {
        ScheduleWindow fridayNight = new ScheduleWindow(null, Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0),
                LocalTime.of(6, 0));
        Door d = new Door("d1", "d", "UTC", List.of("staff"), List.of(fridayNight));
        assertThat(AccessRules.denyReason(active("staff"), d, Instant.parse("2026-11-27T23:00:00Z"))).isEmpty();
        assertThat(AccessRules.denyReason(active("staff"), d, Instant.parse("2026-11-28T05:59:00Z"))).isEmpty();
        assertThat(AccessRules.denyReason(active("staff"), d, Instant.parse("2026-11-28T06:00:00Z")))
                .contains(Reasons.OUTSIDE_SCHEDULE);
        assertThat(AccessRules.denyReason(active("staff"), d, Instant.parse("2026-11-27T21:59:00Z")))
                .contains(Reasons.OUTSIDE_SCHEDULE);
    }

    @Test
    void invalidTimeZoneDenies() {
        ScheduleWindow always = new ScheduleWindow(null, Set.of(DayOfWeek.values()), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT);
        Door d = new Door("d1", "d", "Mars/Olympus", List.of("staff"), List.of(always));
        assertThat(AccessRules.denyReason(active("staff"), d, SAT_0800Z)).contains(Reasons.OUTSIDE_SCHEDULE);
    }
}

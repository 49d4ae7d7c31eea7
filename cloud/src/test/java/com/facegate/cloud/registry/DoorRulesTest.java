package com.facegate.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.registry.DoorRules.DoorFields;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every rule of the one door and group check, each made to fail, and all problems reported at once. */
class DoorRulesTest {
    private static final Set<String> KNOWN = Set.of("staff", "night", "lab");

    private static DoorFields fields(String zone, String groups, String mode, String target, List<String> schedules,
                                     List<String> modeWindows) {
        return new DoorFields("front-door-01", "Front door", zone, groups, mode, target, schedules, modeWindows);
    }

    @Test
    void aGoodDoorParsesIntoTheDoorItDescribes() {
        DoorRules.DoorCheck c = DoorRules.check(fields("Europe/Madrid", "staff, night", "card_and_face", "1e-4",
                List.of("MON-FRI 07:00-19:00", "night@SAT 22:00-06:00"),
                List.of("FACE@MON-FRI 08:00-18:00", "CARD_AND_FACE_AND_PIN@SAT,SUN 00:00-00:00")), KNOWN);
        assertThat(c.problems()).isEmpty();
        assertThat(c.warnings()).isEmpty();
        Door d = c.door();
        assertThat(d.allowedGroups()).containsExactly("staff", "night");
        assertThat(d.mode()).isEqualTo(DoorMode.CARD_AND_FACE);
        assertThat(d.falseAcceptTarget()).isEqualTo(1e-4);
        assertThat(d.schedules()).hasSize(2);
        assertThat(d.modeWindows()).extracting(ModeWindow::mode).containsExactly(DoorMode.FACE,
                DoorMode.CARD_AND_FACE_AND_PIN);
        assertThat(d.modeWindows().get(0).days()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
    }

    @Test
    void everyProblemIsReportedAtOnceByField() {
        DoorRules.DoorCheck c = DoorRules.check(new DoorFields("bad/door", "x\nname", "Mars/Olympus",
                "staff, visitors, bad/group", "PALM", "2", List.of("FUNDAY 07:00-19:00", "MON 25:00-26:00"),
                List.of("MON-FRI 08:00-18:00", "FACE@MON 08:00-08:00")), KNOWN);
        assertThat(c.ok()).isFalse();
        assertThat(c.door()).isNull();
        assertThat(c.problems()).containsOnlyKeys("doorId", "name", "timeZone", "groups", "mode",
                "falseAcceptTarget", "schedules[0]", "schedules[1]", "modeWindows[0]", "modeWindows[1]");
        assertThat(c.problems().get("timeZone")).contains("unknown time zone 'Mars/Olympus'");
        assertThat(c.problems().get("groups")).contains("unknown group 'visitors'")
                .contains("invalid group name 'bad/group'");
        assertThat(c.problems().get("mode")).contains("unknown mode 'PALM'");
        assertThat(c.problems().get("falseAcceptTarget")).contains("must be within (0, 1)");
        assertThat(c.problems().get("schedules[0]")).contains("unknown day 'FUNDAY'");
        assertThat(c.problems().get("schedules[1]")).contains("bad time '25:00'");
        assertThat(c.problems().get("modeWindows[0]")).contains("names no mode");
        assertThat(c.problems().get("modeWindows[1]")).contains("ends when it starts");
    }

    @Test
    void aThresholdThatIsNoNumberAndAZoneMissingForWindowsAreProblems() {
        DoorRules.DoorCheck c = DoorRules.check(fields("", "staff", "", "often", List.of("MON 08:00-18:00"),
                List.of()), KNOWN);
        assertThat(c.problems()).containsOnlyKeys("timeZone", "falseAcceptTarget");
        assertThat(c.problems().get("timeZone")).contains("has schedule windows but no time zone");
        assertThat(c.problems().get("falseAcceptTarget")).contains("'often' is not a number");
    }

    @Test
    void overlappingModeWindowsAreRefusedOnTheDayTheyMeetNightWindowsAndTheWeekEndIncluded() {
        assertThat(DoorRules.check(fields("UTC", "staff", "", "", List.of(), List.of("FACE@MON-FRI 08:00-18:00",
                "CARD_AND_FACE@WED 17:00-20:00")), KNOWN).problems())
                .containsEntry("modeWindows[1]", "overlaps FACE@MON,TUE,WED,THU,FRI 08:00-18:00 on WED");
        // Monday 22:00 to Tuesday 06:00 meets Tuesday 05:00.
        assertThat(DoorRules.check(fields("UTC", "staff", "", "", List.of(), List.of("CARD_AND_PIN@MON 22:00-06:00",
                "FACE@TUE 05:00-09:00")), KNOWN).problems().get("modeWindows[1]")).endsWith("on TUE");
        // Sunday night runs into Monday morning.
        assertThat(DoorRules.check(fields("UTC", "staff", "", "", List.of(), List.of("CARD_AND_PIN@SUN 23:00-02:00",
                "FACE@MON 01:00-03:00")), KNOWN).problems().get("modeWindows[1]")).endsWith("on MON");
        // Back to back is not an overlap: until is exclusive.
        assertThat(DoorRules.check(fields("UTC", "staff", "", "", List.of(), List.of("FACE@MON 08:00-18:00",
                "CARD_AND_FACE@MON 18:00-08:00")), KNOWN).problems()).isEmpty();
    }

    @Test
    void scheduleWindowsOverlapOnlyWithinTheSameGroup() {
        assertThat(DoorRules.check(fields("UTC", "staff,night", "", "", List.of("MON-FRI 07:00-19:00",
                "night@FRI 18:00-23:00"), List.of()), KNOWN).problems()).isEmpty();
        assertThat(DoorRules.check(fields("UTC", "staff,night", "", "", List.of("night@FRI 20:00-02:00",
                "night@SAT 01:00-05:00"), List.of()), KNOWN).problems())
                .containsEntry("schedules[1]", "overlaps night@FRI 20:00-02:00 on SAT");
    }

    @Test
    void aWindowForAGroupTheDoorDoesNotAllowIsAWarningAndAnyValidGroupPassesWithoutAKnownList() {
        DoorRules.DoorCheck c = DoorRules.check(fields("UTC", "visitors", "", "", List.of("cleaners@FRI 20:00-22:00"),
                List.of()), null);
        assertThat(c.problems()).isEmpty();
        assertThat(c.warnings()).containsExactly(
                "door front-door-01 has a window for group cleaners, which is not allowed through it");
    }

    @Test
    void aGroupNeedsAValidNameAndAShortOneLineDescription() {
        assertThat(DoorRules.checkGroup("lab", "Lab staff")).isEmpty();
        assertThat(DoorRules.checkGroup("lab/x", "a".repeat(201))).containsOnlyKeys("name", "description");
        assertThat(DoorRules.checkGroup("lab", "two\nlines")).containsOnlyKeys("description");
    }
}

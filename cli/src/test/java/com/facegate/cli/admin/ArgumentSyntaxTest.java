package com.facegate.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.cloud.registry.ScheduleWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The command line's own little languages: times, durations and schedule windows. */
class ArgumentSyntaxTest {
    private static final Instant NOW = Instant.parse("2026-11-28T05:00:00Z");

    @Test
    void timesAcceptDatesInstantsOffsetsAndRelativeForms() {
        assertThat(TimeArg.parse("2026-11-28", NOW)).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(TimeArg.parse("2026-11-28T09:30", NOW)).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
        assertThat(TimeArg.parse("2026-11-28T10:30+01:00", NOW)).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
        assertThat(TimeArg.parse("now", NOW)).isEqualTo(NOW);
        assertThat(TimeArg.parse("-24h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(24)));
        assertThat(TimeArg.parse("+365d", NOW)).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThatThrownBy(() -> TimeArg.parse("28/11/2026", NOW)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a date/time");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        DurationArg d = new DurationArg();
        assertThat(d.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.convert("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> d.convert("soon")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void modeWindowsNameAModeAndAWeeklyWindow() {
        ModeWindowArg m = new ModeWindowArg();
        ModeWindow day = m.convert("face@MON-FRI 08:00-18:00");
        assertThat(day.mode()).isEqualTo(DoorMode.FACE);
        assertThat(day.days()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
        assertThat(day.from()).isEqualTo(LocalTime.of(8, 0));
        assertThat(day.until()).isEqualTo(LocalTime.of(18, 0));
        assertThat(m.convert("CARD_AND_FACE_AND_PIN@ALL 22:00-06:00").mode())
                .isEqualTo(DoorMode.CARD_AND_FACE_AND_PIN);
        assertThatThrownBy(() -> m.convert("MON-FRI 08:00-18:00")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("names no mode");
        assertThatThrownBy(() -> m.convert("PALM@MON 08:00-18:00")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("unknown mode");
        assertThatThrownBy(() -> m.convert("FACE@someday 08:00")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a mode window");
    }

    @Test
    void scheduleWindowsParseDaysRangesGroupsAndNightShifts() {
        ScheduleArg s = new ScheduleArg();
        ScheduleWindow office = s.convert("MON-FRI 07:00-19:00");
        assertThat(office.group()).isNull();
        assertThat(office.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(office.from()).isEqualTo(LocalTime.of(7, 0));

        ScheduleWindow night = s.convert("night@fri-mon 22:00-6:00");
        assertThat(night.group()).isEqualTo("night");
        assertThat(night.days()).containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY,
                DayOfWeek.MONDAY);
        assertThat(night.until()).isEqualTo(LocalTime.of(6, 0));
        assertThat(ScheduleArg.format(night)).isEqualTo("night@MON,FRI,SAT,SUN 22:00-06:00");

        assertThatThrownBy(() -> s.convert("FUNDAY 07:00-19:00")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("unknown day 'FUNDAY'");
        assertThatThrownBy(() -> s.convert("MON 25:00-26:00")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> s.convert("07:00-19:00")).isInstanceOf(TypeConversionException.class);
    }
}

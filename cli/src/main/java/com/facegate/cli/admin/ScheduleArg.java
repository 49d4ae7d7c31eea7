package com.facegate.cli.admin;

import com.facegate.cloud.registry.ScheduleWindow;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A weekly window: {@code [group@]DAYS HH:MM-HH:MM}, e.g. {@code MON-FRI 07:00-19:00}, {@code night@MON,TUE
 * 22:00-06:00} (past midnight), {@code ALL 00:00-00:00} (all day). Times are in the door's time zone.
 */
final class ScheduleArg implements ITypeConverter<ScheduleWindow> {
    static final String HELP = "[group@]DAYS HH:MM-HH:MM, e.g. 'MON-FRI 07:00-19:00' or 'night@MON,TUE 22:00-06:00'";
    private static final Pattern WINDOW = Pattern.compile(
            "(?:([A-Za-z0-9][A-Za-z0-9_.:-]*)@)?\\s*([A-Za-z,\\-]+)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

    @Override
    public ScheduleWindow convert(String value) {
        Matcher m = WINDOW.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a schedule window; use " + HELP);
        }
        try {
            return new ScheduleWindow(m.group(1), days(m.group(2)), time(m.group(3)), time(m.group(4)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a schedule window (" + e.getMessage()
                    + "); use " + HELP);
        }
    }

    static Set<DayOfWeek> days(String spec) {
        String s = spec.toUpperCase(Locale.ROOT);
        if (s.equals("ALL") || s.equals("DAILY")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : s.split(",")) {
            String[] range = part.split("-");
            if (range.length == 1) {
                out.add(day(range[0]));
            } else if (range.length == 2) {
                DayOfWeek d = day(range[0]);
                DayOfWeek end = day(range[1]);
                out.add(d);
                while (d != end) {
                    d = d.plus(1);
                    out.add(d);
                }
            } else {
                throw new IllegalArgumentException("bad day range " + part);
            }
        }
        return out;
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (s.length() >= 3 && d.name().startsWith(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + s + "'");
    }

    private static LocalTime time(String s) {
        return LocalTime.parse(s.length() == 4 ? "0" + s : s);
    }

    /** The inverse, for listings: {@code staff@MON,TUE,WED 07:00-19:00}. */
    static String format(ScheduleWindow w) {
        String days = w.days().stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        return (w.group() == null ? "" : w.group() + "@") + days + " " + w.from() + "-" + w.until();
    }
}

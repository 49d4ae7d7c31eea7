package com.facegate.cloud.registry;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Weekly windows as admins type them: {@code [label@]DAYS HH:MM-HH:MM}, e.g. {@code MON-FRI 07:00-19:00}, {@code
 * night@MON,TUE 22:00-06:00} (until at or before from runs past midnight), {@code ALL 00:00-00:00} (all day). The
 * label is a schedule window's group or a mode window's mode. Shared by the command line and the console.
 */
public final class WindowText {
    public static final String SCHEDULE_HELP =
            "[group@]DAYS HH:MM-HH:MM, e.g. 'MON-FRI 07:00-19:00' or 'night@MON,TUE 22:00-06:00'";
    public static final String MODE_HELP = "MODE@DAYS HH:MM-HH:MM, e.g. 'FACE@MON-FRI 08:00-18:00'";
    private static final Pattern WINDOW = Pattern.compile(
            "(?:([A-Za-z0-9][A-Za-z0-9_.:-]*)@)?\\s*([A-Za-z,\\-]+)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    /** Mon..Sun, the order windows are listed in. */
    public static final Comparator<ScheduleWindow> ORDER = Comparator
            .comparing((ScheduleWindow w) -> w.days().stream().min(Comparator.naturalOrder()).orElse(DayOfWeek.MONDAY))
            .thenComparing(ScheduleWindow::from).thenComparing(w -> w.group() == null ? "" : w.group());

    private WindowText() {}

    /** A schedule window; {@link IllegalArgumentException} says what is wrong with the text. */
    public static ScheduleWindow schedule(String text) {
        return parse(text, "schedule window", SCHEDULE_HELP);
    }

    /** A mode window: a schedule window whose label is a {@link DoorMode}. */
    public static ModeWindow mode(String text) {
        ScheduleWindow w = parse(text, "mode window", MODE_HELP);
        if (w.group() == null) {
            throw new IllegalArgumentException("'" + text + "' names no mode; use " + MODE_HELP);
        }
        return new ModeWindow(modeNamed(w.group(), "'" + text + "': "), w.days(), w.from(), w.until());
    }

    /** A door mode by name (any case); the message starts with {@code prefix}. */
    public static DoorMode modeNamed(String name, String prefix) {
        try {
            return DoorMode.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "unknown mode '" + name + "'; modes: "
                    + java.util.Arrays.toString(DoorMode.values()), e);
        }
    }

    private static ScheduleWindow parse(String text, String kind, String help) {
        Matcher m = WINDOW.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a " + kind + "; use " + help);
        }
        return new ScheduleWindow(m.group(1), days(m.group(2)), time(m.group(3)), time(m.group(4)));
    }

    /** {@code MON-FRI}, {@code MON,WED}, {@code fri-mon} (wraps), {@code ALL} or {@code DAILY}. */
    public static Set<DayOfWeek> days(String spec) {
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
                throw new IllegalArgumentException("bad day range '" + part + "'");
            }
        }
        return out;
    }

    /** {@code staff@MON,TUE,WED 07:00-19:00}: the inverse of {@link #schedule}. */
    public static String format(ScheduleWindow w) {
        return (w.group() == null ? "" : w.group() + "@") + days(w.days()) + " " + w.from() + "-" + w.until();
    }

    /** {@code CARD_AND_FACE@MON,TUE 18:00-08:00}: the inverse of {@link #mode(String)}. */
    public static String format(ModeWindow w) {
        return w.mode() + "@" + days(w.days()) + " " + w.from() + "-" + w.until();
    }

    public static String days(Set<DayOfWeek> days) {
        return days.stream().sorted().map(WindowText::day).collect(Collectors.joining(","));
    }

    /** {@code MON}. */
    public static String day(DayOfWeek d) {
        return d.name().substring(0, 3);
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
        try {
            return LocalTime.parse(s.length() == 4 ? "0" + s : s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time '" + s + "' (00:00 to 23:59)", e);
        }
    }
}

package com.facegate.cloud.registry;

import com.facegate.protocol.DoorIds;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one check of a door's and a group's fields, for the command line and the console alike: every problem at
 * once, as field → message. Rules: a valid door id and name; a known IANA time zone (required when the door has
 * schedule windows); a known mode; windows that parse, that do not end when they start, and that do not overlap
 * (mode windows among themselves, schedule windows of the same group among themselves, past midnight and across
 * Sunday to Monday included); valid group names, known ones when the caller gives the known groups; a
 * false-accept target within (0, 1). A schedule window for a group the door does not allow opens nothing: a warning.
 *
 * <p>Field keys: {@code doorId, name, timeZone, groups, mode, falseAcceptTarget, schedules[i], modeWindows[i]}.
 */
public final class DoorRules {
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 200;
    private static final int DAY = 24 * 60;
    private static final int WEEK = 7 * DAY;

    private DoorRules() {}

    /** A door as typed: every field text (null or blank: not set), windows one per entry. */
    public record DoorFields(String doorId, String name, String timeZone, String groups, String mode,
                             String falseAcceptTarget, List<String> schedules, List<String> modeWindows) {
        public DoorFields {
            schedules = schedules == null ? List.of() : List.copyOf(schedules);
            modeWindows = modeWindows == null ? List.of() : List.copyOf(modeWindows);
        }
    }

    /** The outcome: the door when there is no problem (else null), the problems by field, and warnings. */
    public record DoorCheck(Door door, Map<String, String> problems, List<String> warnings) {
        public DoorCheck {
            problems = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(problems));
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Parses and checks typed fields; {@code knownGroups} null means any valid group name may be allowed. */
    public static DoorCheck check(DoorFields f, Set<String> knownGroups) {
        Problems p = new Problems();
        List<String> groups = Arrays.stream(text(f.groups()).split("[,;]")).map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().toList();
        DoorMode mode = null;
        if (!text(f.mode()).isEmpty()) {
            try {
                mode = WindowText.modeNamed(f.mode(), "");
            } catch (IllegalArgumentException e) {
                p.add("mode", e.getMessage());
            }
        }
        Double target = null;
        if (!text(f.falseAcceptTarget()).isEmpty()) {
            try {
                target = Double.valueOf(f.falseAcceptTarget().strip());
            } catch (NumberFormatException e) {
                p.add("falseAcceptTarget", "'" + f.falseAcceptTarget().strip() + "' is not a number, e.g. 1e-4");
            }
        }
        List<ScheduleWindow> schedules = new ArrayList<>();
        for (int i = 0; i < f.schedules().size(); i++) {
            try {
                schedules.add(WindowText.schedule(f.schedules().get(i)));
            } catch (IllegalArgumentException e) {
                p.add("schedules[" + i + "]", e.getMessage());
                schedules.add(null);
            }
        }
        List<ModeWindow> modeWindows = new ArrayList<>();
        for (int i = 0; i < f.modeWindows().size(); i++) {
            try {
                modeWindows.add(WindowText.mode(f.modeWindows().get(i)));
            } catch (IllegalArgumentException e) {
                p.add("modeWindows[" + i + "]", e.getMessage());
                modeWindows.add(null);
            }
        }
        String zone = text(f.timeZone()).isEmpty() ? null : f.timeZone().strip();
        String name = text(f.name()).isEmpty() ? null : f.name().strip();
        Door door = new Door(text(f.doorId()), name, zone, groups,
                schedules.stream().filter(Objects::nonNull).toList(), target, mode,
                modeWindows.stream().filter(Objects::nonNull).toList());
        List<String> warnings = new ArrayList<>();
        rules(p, door, schedules, modeWindows, knownGroups, warnings);
        return new DoorCheck(p.map.isEmpty() ? door : null, p.map, warnings);
    }

    /** Checks a door already in typed form (e.g. from the command line's options, or a JSON document). */
    public static DoorCheck check(Door door, Set<String> knownGroups) {
        Problems p = new Problems();
        List<String> warnings = new ArrayList<>();
        rules(p, door, door.schedules(), door.modeWindows(), knownGroups, warnings);
        return new DoorCheck(p.map.isEmpty() ? door : null, p.map, warnings);
    }

    /** A group's name and description: field → message, empty when all is well. */
    public static Map<String, String> checkGroup(String name, String description) {
        Problems p = new Problems();
        if (!BadgeIds.isValid(name)) {
            p.add("name", "invalid group name '" + oneLine(name) + "': letters, digits and _ . : - (at most 64)");
        }
        if (description != null && (description.length() > MAX_DESCRIPTION || hasControl(description))) {
            p.add("description", "at most " + MAX_DESCRIPTION + " characters on one line");
        }
        return p.map;
    }

    /** The typed rules; {@code schedules}/{@code modeWindows} hold null where a window did not parse (kept for i). */
    private static void rules(Problems p, Door d, List<ScheduleWindow> schedules, List<ModeWindow> modeWindows,
                              Set<String> knownGroups, List<String> warnings) {
        if (!DoorIds.isValid(d.doorId())) {
            p.add("doorId", "invalid door id '" + oneLine(d.doorId()) + "': letters, digits, space and . _ : -");
        }
        if (d.name() != null && (d.name().length() > MAX_NAME || hasControl(d.name()))) {
            p.add("name", "at most " + MAX_NAME + " characters on one line");
        }
        if (d.timeZone() != null) {
            try {
                ZoneId.of(d.timeZone());
            } catch (DateTimeException e) {
                p.add("timeZone", "unknown time zone '" + oneLine(d.timeZone())
                        + "': use an IANA id such as Europe/Madrid");
            }
        } else if (!d.schedules().isEmpty()) {
            p.add("timeZone", "door " + d.doorId() + " has schedule windows but no time zone");
        }
        for (String g : d.allowedGroups()) {
            if (!BadgeIds.isValid(g)) {
                p.add("groups", "invalid group name '" + oneLine(g) + "': letters, digits and _ . : -");
            } else if (knownGroups != null && !knownGroups.contains(g)) {
                p.add("groups", "unknown group '" + g + "': create it on the groups page first");
            }
        }
        Double t = d.falseAcceptTarget();
        if (t != null && !(t > 0 && t < 1)) {
            p.add("falseAcceptTarget", "must be within (0, 1), e.g. 1e-4");
        }
        for (int i = 0; i < schedules.size(); i++) {
            ScheduleWindow w = schedules.get(i);
            if (w == null) {
                continue;
            }
            window(p, "schedules[" + i + "]", w.from(), w.until());
            for (int j = 0; j < i; j++) {
                ScheduleWindow o = schedules.get(j);
                if (o != null && Objects.equals(o.group(), w.group())) {
                    String field = "schedules[" + i + "]";
                    overlap(o.days(), o.from(), o.until(), w.days(), w.from(), w.until()).ifPresent(day ->
                            p.add(field, "overlaps " + WindowText.format(o) + " on " + day));
                }
            }
            if (w.group() != null && !d.allowedGroups().contains(w.group())) {
                warnings.add("door " + d.doorId() + " has a window for group " + w.group()
                        + ", which is not allowed through it");
            }
        }
        for (int i = 0; i < modeWindows.size(); i++) {
            ModeWindow w = modeWindows.get(i);
            if (w == null) {
                continue;
            }
            window(p, "modeWindows[" + i + "]", w.from(), w.until());
            for (int j = 0; j < i; j++) {
                ModeWindow o = modeWindows.get(j);
                if (o != null) {
                    String field = "modeWindows[" + i + "]";
                    overlap(o.days(), o.from(), o.until(), w.days(), w.from(), w.until()).ifPresent(day ->
                            p.add(field, "overlaps " + WindowText.format(o) + " on " + day));
                }
            }
        }
    }

    /**
     * A window must not end when it starts: until before from is a night window (past midnight), 00:00-00:00 the
     * whole day, but 08:00-08:00 ends as it starts. (A stored window without days never holds: a closed door.)
     */
    private static void window(Problems p, String field, LocalTime from, LocalTime until) {
        if (from.equals(until) && !from.equals(LocalTime.MIDNIGHT)) {
            p.add(field, "ends when it starts (" + from + "-" + until + "); a whole day is 00:00-00:00");
        }
    }

    /** The first day two weekly windows both hold, as {@code MON}; empty when they never meet. */
    static java.util.Optional<String> overlap(Set<DayOfWeek> aDays, LocalTime aFrom, LocalTime aUntil,
                                              Set<DayOfWeek> bDays, LocalTime bFrom, LocalTime bUntil) {
        int first = Integer.MAX_VALUE;
        for (int[] a : minutes(aDays, aFrom, aUntil)) {
            for (int[] b : minutes(bDays, bFrom, bUntil)) {
                int start = Math.max(a[0], b[0]);
                if (start < Math.min(a[1], b[1])) {
                    first = Math.min(first, start);
                }
            }
        }
        return first == Integer.MAX_VALUE ? java.util.Optional.empty()
                : java.util.Optional.of(WindowText.day(DayOfWeek.of(first / DAY + 1)));
    }

    /** The window's spans in minutes of the week from Monday 00:00, a span past Sunday midnight split in two. */
    private static List<int[]> minutes(Set<DayOfWeek> days, LocalTime from, LocalTime until) {
        int f = from.getHour() * 60 + from.getMinute();
        int u = until.getHour() * 60 + until.getMinute();
        int length = u > f ? u - f : DAY - f + u;
        List<int[]> out = new ArrayList<>();
        for (DayOfWeek d : days) {
            int start = (d.getValue() - 1) * DAY + f;
            int end = start + length;
            if (end <= WEEK) {
                out.add(new int[] {start, end});
            } else {
                out.add(new int[] {start, WEEK});
                out.add(new int[] {0, end - WEEK});
            }
        }
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
    }

    /** Messages by field; a second problem on a field is appended to the first. */
    private static final class Problems {
        final Map<String, String> map = new LinkedHashMap<>();

        void add(String field, String message) {
            map.merge(field, message, (a, b) -> a + "; " + b);
        }
    }
}

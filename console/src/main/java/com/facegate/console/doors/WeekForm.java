package com.facegate.console.doors;

import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.cloud.registry.ScheduleWindow;
import com.facegate.cloud.registry.WindowText;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A door's weekly windows as the edit form shows them: one field per weekday listing the windows that start that
 * day ({@code CARD_AND_FACE 18:00-22:00, FACE_AND_PIN 22:00-06:00}; schedules {@code 07:00-19:00,
 * night@22:00-06:00}), turned into the window texts {@code DoorRules} reads (one per day and item, so a problem
 * points at its day), and back: windows of the same label and times on several days are stored as one.
 */
public final class WeekForm {
    public static final List<String> DAYS = Arrays.stream(DayOfWeek.values()).map(WindowText::day).toList();

    private WeekForm() {}

    /** Window texts for {@code DoorRules} and, at the same index, the form field each came from. */
    public record Texts(List<String> windows, List<String> fields) {}

    /** {@code prefix.MON} → day text; a mode item is {@code MODE HH:MM-HH:MM}. */
    public static Texts modeTexts(String prefix, Map<String, String> byDay) {
        return texts(prefix, byDay, item -> {
            String[] parts = item.split("\\s+", 2);
            return parts.length < 2 ? null : new String[] {parts[0] + "@", parts[1]};
        });
    }

    /** A schedule item is {@code [group@]HH:MM-HH:MM}. */
    public static Texts scheduleTexts(String prefix, Map<String, String> byDay) {
        return texts(prefix, byDay, item -> {
            int at = item.indexOf('@');
            return at < 0 ? new String[] {"", item} : new String[] {item.substring(0, at + 1), item.substring(at + 1)};
        });
    }

    private static Texts texts(String prefix, Map<String, String> byDay,
                               java.util.function.Function<String, String[]> split) {
        List<String> windows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String day : DAYS) {
            String text = byDay.getOrDefault(day, "");
            for (String item : text.split(",")) {
                String s = item.strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] labelAndTimes = split.apply(s);
                // An item without times still goes to the rules, whose message then names it.
                windows.add(labelAndTimes == null ? s + "@" + day : labelAndTimes[0] + day + " " + labelAndTimes[1]);
                fields.add(prefix + "." + day);
            }
        }
        return new Texts(windows, fields);
    }

    /** The door's mode windows by start day, as the form shows them. */
    public static Map<String, String> modesByDay(Door d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            out.put(WindowText.day(day), d.modeWindows().stream().filter(w -> w.days().contains(day))
                    .sorted(Comparator.comparing(ModeWindow::from))
                    .map(w -> w.mode() + " " + w.from() + "-" + w.until()).collect(Collectors.joining(", ")));
        }
        return out;
    }

    public static Map<String, String> schedulesByDay(Door d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            out.put(WindowText.day(day), d.schedules().stream().filter(w -> w.days().contains(day))
                    .sorted(Comparator.comparing(ScheduleWindow::from))
                    .map(w -> (w.group() == null ? "" : w.group() + "@") + w.from() + "-" + w.until())
                    .collect(Collectors.joining(", ")));
        }
        return out;
    }

    /** The same door with windows of equal label and times merged into one window over their days. */
    public static Door merged(Door d) {
        Map<List<Object>, Set<DayOfWeek>> modes = new LinkedHashMap<>();
        d.modeWindows().forEach(w -> modes.computeIfAbsent(List.of(w.mode(), w.from(), w.until()),
                k -> EnumSet.noneOf(DayOfWeek.class)).addAll(w.days()));
        Map<List<Object>, Set<DayOfWeek>> schedules = new LinkedHashMap<>();
        d.schedules().forEach(w -> schedules.computeIfAbsent(Arrays.asList(w.group(), w.from(), w.until()),
                k -> EnumSet.noneOf(DayOfWeek.class)).addAll(w.days()));
        List<ModeWindow> m = modes.entrySet().stream().map(e -> new ModeWindow((DoorMode) e.getKey().get(0),
                e.getValue(), (LocalTime) e.getKey().get(1), (LocalTime) e.getKey().get(2))).toList();
        List<ScheduleWindow> s = schedules.entrySet().stream().map(e -> new ScheduleWindow(
                (String) e.getKey().get(0), e.getValue(), (LocalTime) e.getKey().get(1),
                (LocalTime) e.getKey().get(2))).toList();
        return new Door(d.doorId(), d.name(), d.timeZone(), d.allowedGroups(), s, d.falseAcceptTarget(), d.mode(), m);
    }

    /** {@code FACE; CARD_AND_FACE@MON,TUE 18:00-08:00}: the default mode then each window, for the doors page. */
    public static String modes(Door d) {
        String base = Objects.requireNonNullElse(d.mode(), DoorMode.FACE).name();
        return d.modeWindows().isEmpty() ? base : base + "; " + d.modeWindows().stream().map(WindowText::format)
                .collect(Collectors.joining("; "));
    }

    public static String schedules(Door d) {
        return d.schedules().isEmpty() ? "any time" : d.schedules().stream().sorted(WindowText.ORDER)
                .map(WindowText::format).collect(Collectors.joining("; "));
    }
}

package com.facegate.device.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One key of door.properties, declared once in {@link DoorConfigKeys}: its name, default, what it accepts and
 * what it means. The loader reads it, and the shipped template and the docs table are generated from it
 * ({@link DoorConfigTemplate}), so the three cannot drift apart.
 *
 * <p>The fluent methods ({@link #doc}, {@link #required}, ...) are only called while the constants are declared.
 *
 * @param <T> the value's type once parsed
 */
public final class DoorSetting<T> {
    /** The file's sections, in the template's order. */
    public enum Section {
        IDENTITY("Identity"),
        MQTT("MQTT (AWS IoT Core data endpoint, or the local stack's broker)"),
        S3("Capture upload (S3)"),
        CAPTURE("Camera"),
        GATE("Face gate (which frame of an approach is sent)"),
        DOOR("Door hardware (BCM GPIO numbers)"),
        READERS("Card reader, PIN keypad and status LED/buzzer (BCM GPIO numbers)"),
        DECISIONS("Decisions"),
        JOURNAL("Audit journal and offline fallback"),
        HEALTH("Health");

        final String title;

        Section(String title) {
            this.title = title;
        }
    }

    /** How a key appears in the shipped template. */
    public enum Shown { VALUE, COMMENTED }

    /** Turns the file's text into a value, or throws {@link Invalid} saying what is wrong. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text, Path base);
    }

    /** Raw (trimmed, non-blank) text of another key, for defaults that follow from it. */
    @FunctionalInterface
    interface Lookup {
        String text(DoorSetting<?> setting);
    }

    /** A value the key does not accept; the message completes "{key} ...". */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String problem) {
            super(problem);
        }
    }

    private final Section section;
    private final String key;
    private final Parser<T> parser;
    private final String fallback;
    private final String accepts;
    private final boolean freeText;
    private String doc = "";
    private String defaultNote;
    private Function<Lookup, String> derived;
    private boolean required;
    private String alias;
    private Shown shown = Shown.VALUE;
    private String templateValue;

    private DoorSetting(Section section, String key, Parser<T> parser, String fallback, String accepts,
                        boolean freeText) {
        this.section = section;
        this.key = key;
        this.parser = parser;
        this.fallback = fallback;
        this.accepts = accepts;
        this.freeText = freeText;
    }

    // --- Kinds of key ------------------------------------------------------------------------------------

    static DoorSetting<String> text(Section s, String key, String fallback) {
        return new DoorSetting<>(s, key, (v, base) -> v, fallback, "text", true);
    }

    /** A file or folder, resolved against the config file's folder. */
    static DoorSetting<Path> path(Section s, String key, String fallback) {
        return new DoorSetting<>(s, key, DoorSetting::resolve, fallback, "path", true);
    }

    /** A file the daemon must be able to read at start (certificates, keys). */
    static DoorSetting<Path> readableFile(Section s, String key) {
        return new DoorSetting<>(s, key, (v, base) -> {
            Path p = resolve(v, base);
            if (!Files.isReadable(p)) {
                throw new Invalid("not readable: " + p);
            }
            return p;
        }, null, "readable file", false);
    }

    static DoorSetting<Integer> integer(Section s, String key, int fallback, int min, int max) {
        return new DoorSetting<>(s, key, (v, base) -> inRange(parseNumber(v, Integer::parseInt, "an integer"),
                min, max), Integer.toString(fallback), min + ".." + max, false);
    }

    static DoorSetting<Long> longInteger(Section s, String key, long fallback, long min, long max) {
        return new DoorSetting<>(s, key, (v, base) -> inRange(parseNumber(v, Long::parseLong, "an integer"),
                min, max), Long.toString(fallback), min + ".." + max, false);
    }

    static DoorSetting<Double> decimal(Section s, String key, double fallback, double min, double max) {
        return new DoorSetting<>(s, key, (v, base) -> {
            double d = parseNumber(v, Double::parseDouble, "a number");
            if (Double.isNaN(d) || d < min || d > max) {
                throw new Invalid("must be in " + min + ".." + max);
            }
            return d;
        }, Double.toString(fallback), min + ".." + max, false);
    }

    static DoorSetting<Boolean> flag(Section s, String key, boolean fallback) {
        return new DoorSetting<>(s, key, (v, base) -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new Invalid("must be true or false");
            }
            return Boolean.parseBoolean(v);
        }, Boolean.toString(fallback), "true, false", false);
    }

    /** A positive duration: "500ms", "8s", "2m", "1h" or ISO-8601 ("PT8S"). */
    static DoorSetting<Duration> duration(Section s, String key, String fallback) {
        return new DoorSetting<>(s, key, (v, base) -> {
            Duration d;
            try {
                d = DoorConfigLoader.parseDuration(v);
            } catch (RuntimeException e) {
                throw new Invalid("must be a duration like 8s, 500ms or PT1M (got '" + v + "')");
            }
            if (d.isNegative() || d.isZero()) {
                throw new Invalid("must be positive");
            }
            return d;
        }, fallback, "duration > 0", false);
    }

    /** A duration within {@code min}..{@code max} (both durations in the file's notation, e.g. "10s", "1h"). */
    static DoorSetting<Duration> duration(Section s, String key, String fallback, String min, String max) {
        Duration lo = DoorConfigLoader.parseDuration(min);
        Duration hi = DoorConfigLoader.parseDuration(max);
        DoorSetting<Duration> any = duration(s, key, fallback);
        return new DoorSetting<>(s, key, (v, base) -> {
            Duration d = any.parser.parse(v, base);
            if (d.compareTo(lo) < 0 || d.compareTo(hi) > 0) {
                throw new Invalid("must be in " + min + ".." + max + " (got '" + v + "')");
            }
            return d;
        }, fallback, "duration " + min + ".." + max, false);
    }

    /** An enum constant by name, case-insensitive, '-' for '_'. */
    static <E extends Enum<E>> DoorSetting<E> oneOf(Section s, String key, E fallback) {
        Class<E> type = fallback.getDeclaringClass();
        String names = Arrays.toString(type.getEnumConstants());
        return new DoorSetting<>(s, key, (v, base) -> {
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new Invalid("must be one of " + names);
            }
        }, fallback.name(), names.substring(1, names.length() - 1), false);
    }

    /** A pull resistor, "up", "down" or "none", limited to those that make sense for that input. */
    static DoorSetting<DoorConfig.Pull> pull(Section s, String key, DoorConfig.Pull fallback,
                                             DoorConfig.Pull... allowed) {
        List<String> names = Arrays.stream(allowed).map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
        String choice = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return new DoorSetting<>(s, key, (v, base) -> {
            if (!names.contains(v.toLowerCase(Locale.ROOT))) {
                throw new Invalid("must be " + choice + " (got '" + v + "')");
            }
            return DoorConfig.Pull.valueOf(v.toUpperCase(Locale.ROOT));
        }, fallback.name().toLowerCase(Locale.ROOT), String.join(", ", names), false);
    }

    /** Anything else: the parser throws {@link Invalid}; {@code accepts} is what the docs table says. */
    static <T> DoorSetting<T> custom(Section s, String key, String fallback, String accepts, Parser<T> parser) {
        return new DoorSetting<>(s, key, parser, fallback, accepts, false);
    }

    // --- Declaration details -----------------------------------------------------------------------------

    /** What the key means; "\n" starts a new line in the template. */
    DoorSetting<T> doc(String text) {
        this.doc = text;
        return this;
    }

    /** The daemon refuses to start without it. */
    DoorSetting<T> required() {
        this.required = true;
        this.defaultNote = "required";
        return this;
    }

    /** A default that follows from other keys; {@code note} says which, for the docs. */
    DoorSetting<T> derived(String note, Function<Lookup, String> rule) {
        this.defaultNote = note;
        this.derived = rule;
        return this;
    }

    /** The name the local stack's provisioning bundle writes for the same setting. */
    DoorSetting<T> alias(String name) {
        this.alias = name;
        return this;
    }

    /** In the template, written as {@code #key=example}: optional, shown for the operator to uncomment. */
    DoorSetting<T> commented(String example) {
        this.shown = Shown.COMMENTED;
        this.templateValue = example;
        return this;
    }

    /** In the template, written as {@code key=value} (the Pi's value, where it differs from the default). */
    DoorSetting<T> template(String value) {
        this.templateValue = value;
        return this;
    }

    // --- Reading -----------------------------------------------------------------------------------------

    public String key() {
        return key;
    }

    public Section section() {
        return section;
    }

    public String doc() {
        return doc;
    }

    /** The default as it would be written in the file, or null (none, or {@link #defaultNote}). */
    public String fallback() {
        return fallback;
    }

    /** The docs table's "default" column. */
    public String defaultText() {
        return defaultNote != null ? defaultNote : fallback != null ? fallback : "none";
    }

    public String accepts() {
        return accepts;
    }

    /** Any text is accepted (names, paths): nothing to validate beyond presence. */
    public boolean freeText() {
        return freeText;
    }

    public boolean isRequired() {
        return required;
    }

    public String alias() {
        return alias;
    }

    public Shown shown() {
        return shown;
    }

    /** What the template writes after "key=". */
    public String templateValue() {
        if (templateValue != null) {
            return templateValue;
        }
        return fallback == null || derived != null ? "" : fallback;
    }

    /** The text in effect: the file's, else the derived default, else the declared one (null if none). */
    String textOrDefault(Lookup file) {
        String v = file.text(this);
        if (v != null) {
            return v;
        }
        return derived != null ? derived.apply(file) : fallback;
    }

    T parse(String text, Path base) {
        return parser.parse(text, base);
    }

    private static Path resolve(String v, Path base) {
        return (base == null ? Path.of(v) : base.resolve(v)).toAbsolutePath();
    }

    private static <N> N parseNumber(String v, Function<String, N> f, String what) {
        try {
            return f.apply(v);
        } catch (RuntimeException e) {
            throw new Invalid("must be " + what + " (got '" + v + "')");
        }
    }

    private static <N extends Comparable<N>> N inRange(N v, N min, N max) {
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new Invalid("must be in " + min + ".." + max);
        }
        return v;
    }

    @Override
    public String toString() {
        return key;
    }
}

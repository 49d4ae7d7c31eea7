package com.facegate.cli.admin;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration on the command line: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 7d} or ISO {@code PT30S}.
 */
final class DurationArg implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    @Override
    public Duration convert(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            return unit(Long.parseLong(m.group(1)), m.group(2));
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 30s, 2m, 1h, 7d");
        }
    }

    static Duration unit(long n, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> throw new TypeConversionException("unknown time unit " + unit);
        };
    }
}

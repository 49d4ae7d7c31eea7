package com.facegate.cli.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A point in time on the command line: {@code 2026-11-28} (midnight UTC), {@code 2026-11-28T09:00} (UTC),
 * {@code 2026-11-28T09:00:00Z}, {@code 2026-11-28T10:00+01:00}, {@code now}, or relative to now ({@code -24h},
 * {@code +365d}).
 */
final class TimeArg implements ITypeConverter<Instant> {
    static final String HELP = "2026-11-28, 2026-11-28T09:00:00Z, now, -24h or +365d";
    private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d+)([smhdw])");

    @Override
    public Instant convert(String value) {
        return parse(value, Instant.now());
    }

    static Instant parse(String value, Instant now) {
        String v = value == null ? "" : value.trim();
        if (v.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher m = RELATIVE.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            Duration d = DurationArg.unit(Long.parseLong(m.group(2)), m.group(3));
            return m.group(1).equals("+") ? now.plus(d) : now.minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date/time; use " + HELP);
        }
    }
}

package com.facegate.console.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as the console shows and reads them: UTC, to the second; dates as yyyy-mm-dd. */
public final class Times {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Times() {}

    public static String second(Instant t) {
        return t == null ? "" : SECOND.format(t);
    }

    /** How long ago {@code t} was, in words ("45 s ago", "3 min ago", "2 h ago", "4 days ago"); "" for null. */
    public static String ago(Instant t, Instant now) {
        if (t == null) {
            return "";
        }
        long s = Duration.between(t, now).toSeconds();
        if (s < 0) {
            return "just now"; // the door's clock is a little ahead of the console's
        }
        return (s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s < 172800 ? s / 3600 + " h" : s / 86400 + " days")
                + " ago";
    }

    public static String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }

    /**
     * A form's time: {@code 2026-06-30} (start of that UTC day), {@code 2026-06-30T08:00} (UTC, as a
     * datetime-local input sends it) or a full ISO instant; null or blank gives {@code fallback}.
     */
    public static Instant parse(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (v.length() == 16 || v.length() == 19) {
                return java.time.LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not a date (yyyy-mm-dd) or time");
        }
    }
}

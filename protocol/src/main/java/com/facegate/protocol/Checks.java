package com.facegate.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Field checks shared by the message records; collects every problem rather than stopping at the first. */
final class Checks {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,127}");
    static final int MAX_TEXT = 500;

    private final List<Problem> problems = new ArrayList<>();

    static Checks of(Message m) {
        Checks c = new Checks();
        if (m.schemaVersion() < Message.MIN_SCHEMA_VERSION || m.schemaVersion() > Message.SCHEMA_VERSION) {
            c.add("schemaVersion", "unsupported " + m.schemaVersion() + " (this door reads "
                    + Message.MIN_SCHEMA_VERSION + ".." + Message.SCHEMA_VERSION + ")");
        }
        c.id(m instanceof DoorCommand ? "requestId" : "id", m.id());
        if (!DoorIds.isValid(m.doorId())) {
            c.add("doorId", m.doorId() == null ? "missing" : "invalid");
        }
        return c;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    Checks add(String field, String rule) {
        problems.add(new Problem(field, rule));
        return this;
    }

    static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    Checks id(String field, String value) {
        if (value == null) {
            add(field, "missing");
        } else if (!ID.matcher(value).matches()) {
            add(field, "not 8-128 letters, digits or . _ : -");
        }
        return this;
    }

    Checks present(String field, Object value) {
        if (value == null) {
            add(field, "missing");
        }
        return this;
    }

    Checks text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "missing");
            }
        } else if (value.length() > MAX_TEXT) {
            add(field, "longer than " + MAX_TEXT + " characters");
        }
        return this;
    }

    /** Both instants present, in order, and (when {@code max} is given) no further apart than it. */
    Checks window(Instant from, Instant until, String fromName, String untilName, Duration max) {
        present(fromName, from).present(untilName, until);
        if (from != null && until != null) {
            if (!until.isAfter(from)) {
                add(untilName, "not after " + fromName);
            } else if (max != null && Duration.between(from, until).compareTo(max) > 0) {
                add(untilName, Validity.tooLong(max, fromName));
            }
        }
        return this;
    }

    List<Problem> done() {
        return List.copyOf(problems);
    }
}

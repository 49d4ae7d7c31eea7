package com.facegate.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Field checks shared by the message records; collects every problem rather than stopping at the first. */
final class Checks {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,127}");
    static final int MAX_TEXT = 500;

    private final List<String> problems = new ArrayList<>();

    static Checks of(Message m) {
        Checks c = new Checks();
        if (m.schemaVersion() < Message.MIN_SCHEMA_VERSION || m.schemaVersion() > Message.SCHEMA_VERSION) {
            c.add("unsupported schemaVersion " + m.schemaVersion());
        }
        c.id("id", m.id());
        if (!DoorIds.isValid(m.doorId())) {
            c.add("doorId missing or invalid");
        }
        return c;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    Checks add(String problem) {
        problems.add(problem);
        return this;
    }

    Checks id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            add(field + " missing or invalid");
        }
        return this;
    }

    Checks present(String field, Object value) {
        if (value == null) {
            add(field + " missing");
        }
        return this;
    }

    Checks text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field + " missing");
            }
        } else if (value.length() > MAX_TEXT) {
            add(field + " longer than " + MAX_TEXT);
        }
        return this;
    }

    Checks window(Instant from, Instant until, String fromName, String untilName) {
        present(fromName, from).present(untilName, until);
        if (from != null && until != null && !until.isAfter(from)) {
            add(untilName + " not after " + fromName);
        }
        return this;
    }

    List<String> done() {
        return List.copyOf(problems);
    }
}

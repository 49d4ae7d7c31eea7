package com.facegate.protocol;

/**
 * What is wrong with a message: the field (a JSON path such as {@code expiresAt} or {@code details.x}, or
 * {@code message} for the whole) and the rule it broke. Both are made safe for one log line on construction,
 * because a field name can come from the sender's JSON.
 */
public record Problem(String field, String rule) {
    /** The field named when the message as a whole is wrong (empty, not JSON, too big). */
    public static final String WHOLE = "message";

    public Problem {
        field = Sanitize.inline(field == null || field.isEmpty() ? WHOLE : field, 80);
        rule = Sanitize.inline(rule, 240);
    }

    /** {@code field: rule}, the form used in logs and audit details. */
    @Override
    public String toString() {
        return field + ": " + rule;
    }
}

package com.facegate.protocol;

import java.util.List;

/**
 * A message that must not be acted on, with every problem found, each naming its field and rule. Safe to log:
 * problems never echo payload values beyond a sanitized field name.
 */
public class InvalidMessageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> violations;

    public InvalidMessageException(List<Problem> violations) {
        super(String.join("; ", violations.stream().map(Problem::toString).toList()));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid message has at least one problem");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidMessageException(Problem problem) {
        this(List.of(problem));
    }

    /** Every problem as {@code field: rule}. */
    public List<String> problems() {
        return violations.stream().map(Problem::toString).toList();
    }

    public List<Problem> violations() {
        return violations;
    }

    /** The first problem: the one a log line or audit record names. */
    public Problem first() {
        return violations.get(0);
    }
}

package com.facegate.protocol;

import java.util.List;
import java.util.Optional;

/**
 * A message that must not be acted on, with every problem found, each naming its field and rule. Safe to log:
 * problems never echo payload values beyond a sanitized field name.
 */
public class InvalidMessageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> violations;
    private final String messageId;

    public InvalidMessageException(List<Problem> violations) {
        this(violations, null);
    }

    /** {@code messageId}: the message's own id when it was readable and well-formed, so a refusal can name it. */
    public InvalidMessageException(List<Problem> violations, String messageId) {
        super(String.join("; ", violations.stream().map(Problem::toString).toList()));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid message has at least one problem");
        }
        this.violations = List.copyOf(violations);
        this.messageId = messageId != null && Checks.isId(messageId) ? messageId : null;
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

    /** The refused message's id (a DoorCommand's requestId), if it had a well-formed one; never acted on. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The first problem: the one a log line or audit record names. */
    public Problem first() {
        return violations.get(0);
    }
}

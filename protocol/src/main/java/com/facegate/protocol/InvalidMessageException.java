package com.facegate.protocol;

import java.util.List;

/** A message that must not be acted on, with every reason found. Safe to log: reasons never echo payloads. */
public class InvalidMessageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public InvalidMessageException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

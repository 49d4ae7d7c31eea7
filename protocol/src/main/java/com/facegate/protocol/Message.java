package com.facegate.protocol;

import java.util.List;

/** Every door message carries a schema version, a unique id and a timestamp, and can say what is wrong with it. */
public sealed interface Message permits Decision, DoorCommand, AuditEvent, DoorStatus,
        CaptureAnnouncement {
    /** The schema version this code writes; readers accept {@link #MIN_SCHEMA_VERSION}..this. */
    int SCHEMA_VERSION = 1;
    int MIN_SCHEMA_VERSION = 1;

    int schemaVersion();

    String id();

    String doorId();

    /** What makes this message unsafe to act on, field by field; empty when it is valid. */
    List<Problem> violations();

    /** {@link #violations()} as {@code field: rule} lines. */
    default List<String> problems() {
        return violations().stream().map(Problem::toString).toList();
    }
}

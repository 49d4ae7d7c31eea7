package com.facegate.cloud.enroll;

/** A door create refused: another door (perhaps created a moment before by another admin) has the id. */
public final class DoorTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DoorTakenException(String doorId) {
        super("door id already taken: " + doorId);
    }
}

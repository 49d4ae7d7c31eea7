package com.facegate.protocol;

import java.time.Instant;
import java.util.List;

/** A door's own report on {@code facegate/doors/{doorId}/status}: online, lock, contact, lock-down, version. */
public record DoorStatus(
        int schemaVersion,
        String id,
        String doorId,
        Instant at,
        boolean online,
        Lock lock,
        Contact door,
        boolean lockdown,
        boolean offlineMode,
        String softwareVersion,
        long pendingAudit) implements Message {

    public enum Lock { LOCKED, UNLOCKED }

    public enum Contact { CLOSED, OPEN, UNKNOWN }

    public static DoorStatus of(String doorId, Instant at, boolean online, Lock lock, Contact door, boolean lockdown,
                                boolean offlineMode, String softwareVersion, long pendingAudit) {
        return new DoorStatus(SCHEMA_VERSION, Checks.newId(), doorId, at, online, lock, door, lockdown, offlineMode,
                softwareVersion, pendingAudit);
    }

    @Override
    public List<Problem> violations() {
        return Checks.of(this).present("at", at).present("lock", lock).present("door", door).done();
    }
}

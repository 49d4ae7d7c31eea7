package com.facegate.protocol;

import java.time.Instant;
import java.util.List;

/**
 * A door's own report on {@code facegate/doors/{doorId}/status}: online, lock, contact, lock-down, version, and its
 * state disk ({@code diskFault}: DISK_FULL raised and not yet cleared; {@code diskFreeBytes}). The disk fields are
 * null in reports from doors older than them: unknown, not healthy. {@code galleryGeneratedAt}: when the cloud made
 * the offline gallery the door uses (its age against {@code at} shows a stale one); {@code galleryCheckedAt}: when
 * the door last confirmed with S3 that it is the newest; both null from a door without a gallery key, or older.
 */
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
        long pendingAudit,
        Boolean diskFault,
        Long diskFreeBytes,
        Instant galleryGeneratedAt,
        Instant galleryCheckedAt) implements Message {

    public enum Lock { LOCKED, UNLOCKED }

    public enum Contact { CLOSED, OPEN, UNKNOWN }

    public static DoorStatus of(String doorId, Instant at, boolean online, Lock lock, Contact door, boolean lockdown,
                                boolean offlineMode, String softwareVersion, long pendingAudit) {
        return new DoorStatus(SCHEMA_VERSION, Checks.newId(), doorId, at, online, lock, door, lockdown, offlineMode,
                softwareVersion, pendingAudit, null, null, null, null);
    }

    /** This report with the door's state disk: whether DISK_FULL is raised, and the free bytes last measured. */
    public DoorStatus withDisk(boolean fault, long freeBytes) {
        return new DoorStatus(schemaVersion, id, doorId, at, online, lock, door, lockdown, offlineMode,
                softwareVersion, pendingAudit, fault, freeBytes, galleryGeneratedAt, galleryCheckedAt);
    }

    /** This report with the door's offline gallery: when it was made, and when S3 last confirmed it the newest. */
    public DoorStatus withGallery(Instant generatedAt, Instant checkedAt) {
        return new DoorStatus(schemaVersion, id, doorId, at, online, lock, door, lockdown, offlineMode,
                softwareVersion, pendingAudit, diskFault, diskFreeBytes, generatedAt, checkedAt);
    }

    @Override
    public List<Problem> violations() {
        return Checks.of(this).present("at", at).present("lock", lock).present("door", door).done();
    }
}

package com.facegate.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One thing that happened at a door or in the cloud about a door, written to {@code facegate/doors/{doorId}/audit}
 * by doors and to {@code audit/yyyy/mm/dd/} by the cloud. Never carries images, vectors or names: only ids.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        int schemaVersion,
        String id,
        String doorId,
        Type type,
        Instant at,
        String source,
        String captureId,
        String badgeId,
        String requestId,
        String requestedBy,
        String reason,
        Double similarity,
        Map<String, String> details) implements Message {

    public static final String SOURCE_DEVICE = "device";
    public static final String SOURCE_CLOUD = "cloud";

    public enum Type {
        /** Cloud: a decision was made and published. */
        DECISION,
        /** Door: a GRANT was honoured and the relay pulsed. */
        UNLOCKED,
        /**
         * Door: a DENY was received for a pending capture, or the door denied a visit itself because no decision
         * could come ({@code UPLOAD_FAILED}, {@code NO_DECISION}).
         */
        DENIED,
        /**
         * Door: a decision or command was not acted on (late, replayed, unknown capture, malformed), or a card was
         * not used (CARD_NOT_TAKEN: the door's mode then takes none).
         */
        IGNORED,
        REMOTE_UNLOCK,
        LOCKDOWN,
        LOCKDOWN_LIFTED,
        RESYNC,
        DOOR_FORCED,
        DOOR_HELD_OPEN,
        DOOR_CLOSED,
        OFFLINE_DECISION,
        /** Door: it decides by itself from now on (MQTT down too long, or captures in a row got no decision). */
        OFFLINE_ENTERED,
        /** Door: decisions come from the cloud again after an {@link #OFFLINE_ENTERED}. */
        ONLINE_RESTORED,
        JOURNAL_NEAR_FULL,
        /**
         * Door: its state disk is (nearly) full: free space below {@code disk.minFreeBytes} (reason LOW_SPACE) or a
         * journal write failed (WRITE_FAILED). The door stays fail-secure and keeps unwritten events in memory.
         */
        DISK_FULL,
        /** Door: the state disk has room again after a {@link #DISK_FULL} (details: freeBytes, downSeconds). */
        DISK_OK,
        DAEMON_STARTED,
        DAEMON_STOPPED,
        FAULT,
        /** Door: the camera failed; the capture loop restarts it with backoff. The door sees no one meanwhile. */
        CAMERA_FAULT,
        /** Door: frames arrive again after a {@link #CAMERA_FAULT}. */
        CAMERA_RESTORED,
        /** Door: a different person's face within the open window of a face grant (details: grantedCapture). */
        TAILGATE_SUSPECTED,
        ENROLLED,
        ENROLLMENT_REJECTED,
        REVOKED,
        ERASED,
        /** Cloud: an admin changed a badge's groups or validity (details: what it was and what it is now). */
        BADGE_UPDATED,
        /** Cloud: an admin exported a person's own data for them (GDPR access request). */
        DATA_EXPORTED,
        /** Cloud: the door's MQTT connection opened (AWS IoT lifecycle event, or the local broker's). */
        DOOR_ONLINE,
        /** Cloud: the door's MQTT connection closed; the reason is the broker's disconnect reason. */
        DOOR_OFFLINE,
        /** Cloud: a duress PIN opened the door (silent alarm; the door saw an ordinary grant). */
        DURESS,
        /** Cloud: a badge's PIN is locked after too many wrong PINs (details: wrongPins). */
        PIN_LOCKED,
        /** Cloud: an admin unlocked a badge's PIN. */
        PIN_UNLOCKED,
        /** Cloud: an admin changed a badge's cards or PINs (reason: CARD_ADDED, CARD_REMOVED, PIN_SET, ...). */
        FACTORS_CHANGED,
        /** Cloud: an admin acknowledged a DOOR_FORCED / DOOR_HELD_OPEN (details: alarmId, alarmType). */
        ALARM_ACKNOWLEDGED,
        /** Cloud: a console account signed in (requestedBy: the account; details: clientAddress). */
        CONSOLE_SIGNED_IN,
        /** Cloud: a console sign-in was refused (reason says why; never the password that was tried). */
        CONSOLE_SIGN_IN_REFUSED,
        /** Cloud: a console account signed out. */
        CONSOLE_SIGNED_OUT,
        /** Cloud: a console account was created (requestedBy: who created it; details: account, role). */
        CONSOLE_ACCOUNT_CREATED,
        /** Cloud: a console account turned on its second factor (TOTP); the secret is never in the record. */
        CONSOLE_SECOND_FACTOR_ENABLED,
        /** Cloud: a console account turned its second factor off, proven with a fresh code. */
        CONSOLE_SECOND_FACTOR_DISABLED,
        /** Cloud: an admin added or changed a door (requestedBy; details: each changed field, old -> new). */
        DOOR_UPDATED,
        /** Cloud: an admin added or changed a group (requestedBy; details: each changed field, old -> new). */
        GROUP_UPDATED,
        /** A type this version does not know: kept, so that no audit record is lost to a newer writer. */
        @JsonEnumDefaultValue
        UNKNOWN
    }

    public static AuditEvent of(String doorId, Type type, String source, Instant at) {
        return new AuditEvent(SCHEMA_VERSION, Checks.newId(), doorId, type, at, source,
                null, null, null, null, null, null, null);
    }

    public AuditEvent withCapture(String newCaptureId) {
        return new AuditEvent(schemaVersion, id, doorId, type, at, source, newCaptureId, badgeId, requestId,
                requestedBy, reason, similarity, details);
    }

    public AuditEvent withBadge(String newBadgeId, Double newSimilarity) {
        return new AuditEvent(schemaVersion, id, doorId, type, at, source, captureId, newBadgeId, requestId,
                requestedBy, reason, newSimilarity, details);
    }

    public AuditEvent withRequest(String newRequestId, String newRequestedBy) {
        return new AuditEvent(schemaVersion, id, doorId, type, at, source, captureId, badgeId, newRequestId,
                newRequestedBy, reason, similarity, details);
    }

    public AuditEvent withReason(String newReason) {
        return new AuditEvent(schemaVersion, id, doorId, type, at, source, captureId, badgeId, requestId,
                requestedBy, newReason, similarity, details);
    }

    public AuditEvent withDetails(Map<String, String> newDetails) {
        return new AuditEvent(schemaVersion, id, doorId, type, at, source, captureId, badgeId, requestId,
                requestedBy, reason, similarity, newDetails == null ? null : Map.copyOf(newDetails));
    }

    @Override
    public List<Problem> violations() {
        Checks c = Checks.of(this).present("type", type).present("at", at).text("source", source, true)
                .text("reason", reason, false);
        if (details != null && details.size() > 32) {
            c.add("details", "more than 32 entries");
        }
        return c.done();
    }
}

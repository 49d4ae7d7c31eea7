package com.facegate.cloud.enroll;

import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.Badge;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorIds;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail as {@link BadgeAdmin} writes and reads it: one cloud record per badge act (revoked, updated,
 * erased, exported), alarm acknowledgement or console account event, with who asked; badge ids only, no names.
 * Door commands and door/group edits write their own ({@link DoorCommands}, {@link DoorSetup}).
 */
final class AdminAudit {
    private final AuditWriter writer;
    private final AuditReader reader;
    private final Clock clock;

    AdminAudit(AuditWriter writer, AuditReader reader, Clock clock) {
        this.writer = writer;
        this.reader = reader;
        this.clock = clock;
    }

    /** A badge act (REVOKED, ERASED, DATA_EXPORTED) by {@code requestedBy}. */
    void badge(AuditEvent.Type type, String badgeId, String requestedBy) {
        writer.write(cloudEvent(null, type).withBadge(badgeId, null).withRequest(null, requestedBy));
    }

    /** BADGE_UPDATED with the old and new groups and validity (no name). */
    void updated(Badge before, Badge after, String requestedBy) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("groups", String.join(",", before.groups()) + " -> " + String.join(",", after.groups()));
        details.put("validFrom", before.validFrom() + " -> " + after.validFrom());
        details.put("validUntil", before.validUntil() + " -> " + after.validUntil());
        writer.write(cloudEvent(null, AuditEvent.Type.BADGE_UPDATED).withBadge(after.badgeId(), null)
                .withRequest(null, requestedBy).withDetails(details));
    }

    /** ALARM_ACKNOWLEDGED of a DOOR_FORCED / DOOR_HELD_OPEN record, with who and the note; checked before written. */
    AuditEvent alarmAcknowledged(String doorId, String alarmId, AuditEvent.Type alarmType, String requestedBy,
            String note) {
        DoorIds.require(doorId);
        if (alarmType != AuditEvent.Type.DOOR_FORCED && alarmType != AuditEvent.Type.DOOR_HELD_OPEN) {
            throw new IllegalArgumentException("only DOOR_FORCED and DOOR_HELD_OPEN alarms are acknowledged");
        }
        AuditEvent e = cloudEvent(doorId, AuditEvent.Type.ALARM_ACKNOWLEDGED).withRequest(null, requestedBy)
                .withReason(note).withDetails(Map.of("alarmId", alarmId, "alarmType", alarmType.name()));
        if (!e.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", e.problems()));
        }
        writer.write(e);
        return e;
    }

    /** A CONSOLE_* account event: the account id as requestedBy, never a password. */
    void console(AuditEvent.Type type, String account, String reason, Map<String, String> details) {
        if (!type.name().startsWith("CONSOLE_")) {
            throw new IllegalArgumentException("not a console audit type: " + type);
        }
        writer.write(cloudEvent(null, type).withRequest(null, account).withReason(reason).withDetails(details));
    }

    List<AuditRecord> query(String doorId, String badgeId, Instant from, Instant until) {
        return reader.query(doorId, badgeId, from, until);
    }

    AuditReader reader() {
        return reader;
    }

    private AuditEvent cloudEvent(String doorId, AuditEvent.Type type) {
        return AuditEvent.of(doorId, type, AuditEvent.SOURCE_CLOUD, clock.instant());
    }
}

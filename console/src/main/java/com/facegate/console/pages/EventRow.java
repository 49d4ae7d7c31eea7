package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.DoorCommands;
import com.facegate.console.web.ReasonWords;
import com.facegate.protocol.AuditEvent;
import java.util.Locale;
import java.util.Map;

/**
 * One line of the live feed: when, which door, who, what, why in words, similarity and liveness; for admins the
 * paths of the decision's capture and of the enrolled photo it matched (empty for viewers and for other events).
 */
public record EventRow(String at, String door, String badge, String what, String outcome, String why,
                       String similarity, String liveness, String by, String snapshot, String matched) {
    static EventRow of(AuditRecord r, boolean withImages) {
        AuditEvent e = r.event();
        Map<String, String> d = e.details() == null ? Map.of() : e.details();
        String outcome = switch (e.type()) {
            case DECISION, OFFLINE_DECISION -> d.getOrDefault("result", "");
            case UNLOCKED -> "GRANT";
            // The cloud's record of an unlock the IoT endpoint refused: the door never opened for it.
            case REMOTE_UNLOCK -> DoorCommands.DELIVERY_FAILED.equals(d.get(DoorCommands.DETAIL_DELIVERY))
                    ? "NOT SENT" : "GRANT";
            case DENIED -> "DENY";
            default -> "";
        };
        return new EventRow(Times.second(e.at()), nz(e.doorId()), nz(e.badgeId()), e.type().name(), outcome,
                ReasonWords.decision(e.reason()),
                e.similarity() == null ? "" : String.format(Locale.ROOT, "%.1f", e.similarity()),
                d.getOrDefault("liveness", ""), nz(e.requestedBy()),
                withImages && e.type() == AuditEvent.Type.DECISION ? SnapshotImages.capturePath(e.doorId(),
                        e.captureId()) : "",
                withImages ? SnapshotImages.facePath(e.badgeId(), d.get("matchedFace")) : "");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.DoorCommands;
import com.facegate.console.web.ReasonWords;
import com.facegate.protocol.AuditEvent;

/** One audit line for the page and the CSV. */
public record AuditRow(String at, String type, String door, String badge, String source, String requestedBy,
                       String reason, String similarity) {
    static AuditRow of(AuditRecord r) {
        AuditEvent e = r.event();
        String words = ReasonWords.decision(e.reason());
        String reason = e.reason() == null ? "" : words.equals(e.reason()) ? e.reason()
                : e.reason() + " (" + words + ")";
        // A door command the IoT endpoint refused must not read like one that was sent.
        boolean notSent = e.details() != null
                && DoorCommands.DELIVERY_FAILED.equals(e.details().get(DoorCommands.DETAIL_DELIVERY));
        String type = r.rejected() ? "REJECTED(" + e.type() + ")" : notSent ? e.type() + " (NOT SENT)"
                : e.type().name();
        return new AuditRow(Times.second(e.at()), type,
                orEmpty(e.doorId()), orEmpty(e.badgeId()), orEmpty(e.source()), orEmpty(e.requestedBy()), reason,
                e.similarity() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", e.similarity()));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

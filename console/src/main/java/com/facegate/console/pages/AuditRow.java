package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
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
        return new AuditRow(Times.second(e.at()), r.rejected() ? "REJECTED(" + e.type() + ")" : e.type().name(),
                orEmpty(e.doorId()), orEmpty(e.badgeId()), orEmpty(e.source()), orEmpty(e.requestedBy()), reason,
                e.similarity() == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", e.similarity()));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

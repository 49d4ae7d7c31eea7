package com.facegate.cloud.audit;

import com.facegate.protocol.AuditEvent;
import java.time.Instant;

/** One audit line as read back: the event, whether it was accepted or a rejected message, and where it lives. */
public record AuditRecord(AuditEvent event, String recordKind, Instant receivedAt, String key) {
    public boolean rejected() {
        return AuditWriter.KIND_REJECTED.equals(recordKind);
    }
}

package com.facegate.device.audit;

import com.facegate.protocol.AuditEvent;

/** Where the door writes what it did. Implementations must never block the door's lock behaviour for long. */
@FunctionalInterface
public interface AuditSink {
    void record(AuditEvent event);
}

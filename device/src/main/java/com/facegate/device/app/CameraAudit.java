package com.facegate.device.app;

import com.facegate.device.audit.AuditSink;
import com.facegate.device.gate.CameraWatch;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Camera outages in the audit: the door sees no visitor from CAMERA_FAULT until CAMERA_RESTORED. */
final class CameraAudit implements CameraWatch {
    private final AuditSink audit;
    private final String doorId;
    private final Clock clock;

    CameraAudit(AuditSink audit, String doorId, Clock clock) {
        this.audit = audit;
        this.doorId = doorId;
        this.clock = clock;
    }

    @Override
    public void down(String error) {
        audit.record(AuditEvent.of(doorId, AuditEvent.Type.CAMERA_FAULT, AuditEvent.SOURCE_DEVICE, clock.instant())
                .withReason("CAPTURE_FAILED").withDetails(Map.of("error", error)));
    }

    @Override
    public void restored(Duration downFor) {
        audit.record(AuditEvent.of(doorId, AuditEvent.Type.CAMERA_RESTORED, AuditEvent.SOURCE_DEVICE, clock.instant())
                .withDetails(Map.of("downSeconds", Long.toString(downFor.toSeconds()))));
    }
}

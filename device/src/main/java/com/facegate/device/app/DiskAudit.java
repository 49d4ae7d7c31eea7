package com.facegate.device.app;

import com.facegate.device.audit.AuditSink;
import com.facegate.device.audit.DiskWatch;
import com.facegate.device.credential.Cue;
import com.facegate.device.credential.FeedbackLine;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full state disk told to the operator: DISK_FULL once when it starts (with the {@code files} that could not be
 * written, when any) and DISK_OK when it clears (the audit; a DISK_FULL the journal cannot take yet waits in memory
 * and reaches the cloud before the DISK_OK), an ERROR log line, the status message ({@code diskFault}) and the
 * feedback line's {@link Cue#DOOR_FAULT} while it lasts. What the door decides does not change: it stays locked
 * unless a visit is granted.
 */
final class DiskAudit implements DiskWatch.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(DiskAudit.class);
    private static final long MB = 1024 * 1024;

    private final AuditSink audit;
    private final String doorId;
    private final Clock clock;
    private final Supplier<FeedbackLine> feedback;
    private final Runnable changed;

    DiskAudit(AuditSink audit, String doorId, Clock clock, Supplier<FeedbackLine> feedback, Runnable changed) {
        this.audit = audit;
        this.doorId = doorId;
        this.clock = clock;
        this.feedback = feedback;
        this.changed = changed;
    }

    @Override
    public void full(String reason, Set<DiskWatch.StateFile> failing, long freeBytes, long minFreeBytes) {
        String files = failing.stream().map(Enum::name).collect(Collectors.joining(","));
        LOG.error("state disk full ({}{}): {} MB free, minimum {} MB; audit events wait in memory until it has room,"
                + " remote decisions and commands are refused while they cannot be recorded once-only, the door"
                + " stays locked unless granted", reason, files.isEmpty() ? "" : " " + files,
                freeBytes < 0 ? "?" : freeBytes / MB, minFreeBytes / MB);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("freeBytes", Long.toString(freeBytes));
        details.put("minFreeBytes", Long.toString(minFreeBytes));
        if (!files.isEmpty()) {
            details.put("files", files);
        }
        audit.record(AuditEvent.of(doorId, AuditEvent.Type.DISK_FULL, AuditEvent.SOURCE_DEVICE, clock.instant())
                .withReason(reason).withDetails(details));
        signal();
        changed.run();
    }

    @Override
    public void ok(long freeBytes, Duration downFor) {
        LOG.warn("state disk has room again: {} MB free after {} s full", freeBytes / MB, downFor.toSeconds());
        audit.record(AuditEvent.of(doorId, AuditEvent.Type.DISK_OK, AuditEvent.SOURCE_DEVICE, clock.instant())
                .withDetails(Map.of("freeBytes", Long.toString(freeBytes),
                        "downSeconds", Long.toString(downFor.toSeconds()))));
        changed.run();
    }

    /** The fault cue, only over an idle line: a visitor's cue (look at the camera, enter PIN) comes first. */
    void signal() {
        FeedbackLine line = feedback.get();
        if (line != null && line.showing() == Cue.IDLE) {
            line.show(Cue.DOOR_FAULT);
        }
    }
}

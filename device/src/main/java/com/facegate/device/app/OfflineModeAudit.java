package com.facegate.device.app;

import com.facegate.device.audit.AuditSink;
import com.facegate.device.offline.CloudHealth;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline mode in the audit: {@code OFFLINE_ENTERED} (reason: why) when the door starts deciding by itself,
 * {@code ONLINE_RESTORED} (reason: what ended it; details: how long) when cloud decisions resume. Offline mode
 * starts and ends on a timer as well as on events, so it is checked on every tick and after each event.
 */
final class OfflineModeAudit {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineModeAudit.class);

    private final CloudHealth health;
    private final AuditSink audit;
    private final String doorId;
    private final Clock clock;
    private final String policy;
    private final Runnable changed;
    private boolean offline;
    private Instant since;

    OfflineModeAudit(CloudHealth health, AuditSink audit, String doorId, Clock clock, String policy,
                     Runnable changed) {
        this.health = health;
        this.audit = audit;
        this.doorId = doorId;
        this.clock = clock;
        this.policy = policy;
        this.changed = changed;
    }

    /** Audits a change of mode since the last call; returns whether the door is offline now. */
    synchronized boolean check() {
        boolean now = health.offline();
        if (now == offline) {
            return now;
        }
        offline = now;
        Instant at = clock.instant();
        if (now) {
            since = at;
            String cause = health.cause();
            LOG.warn("offline mode entered ({}): deciding by policy {}", cause, policy);
            audit.record(AuditEvent.of(doorId, AuditEvent.Type.OFFLINE_ENTERED, AuditEvent.SOURCE_DEVICE, at)
                    .withReason(cause).withDetails(Map.of("policy", policy)));
        } else {
            String endedBy = health.endedBy();
            long seconds = Duration.between(since, at).toSeconds();
            LOG.info("offline mode ended ({}) after {} s: cloud decisions again", endedBy, seconds);
            audit.record(AuditEvent.of(doorId, AuditEvent.Type.ONLINE_RESTORED, AuditEvent.SOURCE_DEVICE, at)
                    .withReason(endedBy).withDetails(Map.of("offlineSeconds", Long.toString(seconds))));
        }
        changed.run();
        return now;
    }
}

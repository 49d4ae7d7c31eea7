package com.facegate.device.audit;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Failures;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's {@link AuditSink}: every event goes to the durable journal first (the replayer sends it later), and
 * one structured INFO line (ids and codes only, as key/value pairs the log encoder quotes and escapes). Who asked
 * for a remote command ({@code requestedBy}) and whose badge matched identify a person: they are in the audit
 * record and, for troubleshooting, on a DEBUG line, never at INFO. A journal failure is logged and swallowed: the
 * door's fail-secure behaviour must never depend on the disk.
 */
public final class AuditLog implements AuditSink {
    private static final Logger LOG = LoggerFactory.getLogger("facegate.audit");

    private final AuditJournal journal;
    private final String doorId;
    private final Clock clock;
    private long reportedDrops;

    public AuditLog(AuditJournal journal, String doorId, Clock clock) {
        this.journal = journal;
        this.doorId = doorId;
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent e) {
        // "audit type=UNLOCKED id="..." capture="..." request=null reason="MATCHED"" with the pattern's %msg%kvp.
        LOG.atInfo().addKeyValue("type", e.type()).addKeyValue("id", e.id()).addKeyValue("capture", e.captureId())
                .addKeyValue("request", e.requestId()).addKeyValue("reason", e.reason()).log("audit");
        if (LOG.isDebugEnabled() && (e.badgeId() != null || e.requestedBy() != null)) {
            LOG.atDebug().addKeyValue("id", e.id()).addKeyValue("badge", e.badgeId())
                    .addKeyValue("by", e.requestedBy()).log("audit");
        }
        try {
            boolean nearFull = journal.append(e);
            if (nearFull) {
                LOG.warn("audit journal near full ({} bytes)", journal.totalBytes());
                journal.append(AuditEvent.of(doorId, AuditEvent.Type.JOURNAL_NEAR_FULL, AuditEvent.SOURCE_DEVICE,
                        clock.instant()).withDetails(Map.of("bytes", Long.toString(journal.totalBytes()))));
            }
            synchronized (this) {
                long drops = journal.dropped();
                if (drops > reportedDrops) {
                    reportedDrops = drops;
                    journal.append(AuditEvent.of(doorId, AuditEvent.Type.FAULT, AuditEvent.SOURCE_DEVICE,
                            clock.instant()).withReason("JOURNAL_FULL_DROPPED")
                            .withDetails(Map.of("droppedRecords", Long.toString(drops))));
                }
            }
        } catch (RuntimeException ex) {
            LOG.error("audit journal append failed for event {} ({})", e.id(), Failures.describe(ex));
        }
    }

    public AuditJournal journal() {
        return journal;
    }
}

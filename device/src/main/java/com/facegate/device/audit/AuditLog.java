package com.facegate.device.audit;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Failures;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's {@link AuditSink}: every event goes to the durable journal first (the replayer sends it later), and
 * one structured INFO line (ids and codes only, as key/value pairs the log encoder quotes and escapes). Who asked
 * for a remote command ({@code requestedBy}) and whose badge matched identify a person: they are in the audit
 * record and, for troubleshooting, on a DEBUG line, never at INFO. A journal failure (a full disk) never fails the
 * door: the event is kept in memory, in order, and written before the next one once the journal takes writes again
 * ({@link #flushBacklog}, also run by the door's disk check); past {@link #MAX_BACKLOG} the oldest kept event is
 * dropped and that is audited (FAULT {@code AUDIT_BACKLOG_DROPPED}), as the journal does when it is full.
 */
public final class AuditLog implements AuditSink {
    /** Events kept in memory while the journal cannot write (about 5 MB of JSON at most). */
    public static final int MAX_BACKLOG = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger("facegate.audit");

    private final AuditJournal journal;
    private final String doorId;
    private final Clock clock;
    private final ArrayDeque<AuditEvent> backlog = new ArrayDeque<>();
    private long reportedDrops;
    private long backlogDropped;
    private long reportedBacklogDrops;
    private DiskWatch disk;

    public AuditLog(AuditJournal journal, String doorId, Clock clock) {
        this.journal = journal;
        this.doorId = doorId;
        this.clock = clock;
    }

    /** Journal write failures and successes go to this watch too (it raises DISK_FULL). */
    public synchronized void watch(DiskWatch watch) {
        this.disk = watch;
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
        synchronized (this) {
            if (!flushBacklog() || !append(e)) {
                keep(e);
            }
        }
    }

    /** Writes the events kept in memory since a failed append, oldest first; true when none is left. */
    public synchronized boolean flushBacklog() {
        int written = 0;
        while (!backlog.isEmpty()) {
            if (!append(backlog.peekFirst())) {
                return false;
            }
            backlog.removeFirst();
            written++;
        }
        if (written > 0) {
            LOG.info("audit: {} event(s) kept in memory are in the journal now", written);
        }
        if (backlogDropped > reportedBacklogDrops) {
            reportedBacklogDrops = backlogDropped;
            extra(AuditEvent.of(doorId, AuditEvent.Type.FAULT, AuditEvent.SOURCE_DEVICE, clock.instant())
                    .withReason("AUDIT_BACKLOG_DROPPED")
                    .withDetails(Map.of("droppedRecords", Long.toString(backlogDropped))));
        }
        return true;
    }

    /** Events waiting in memory for the journal. */
    public synchronized int backlog() {
        return backlog.size();
    }

    private boolean append(AuditEvent e) {
        boolean nearFull;
        try {
            nearFull = journal.append(e);
        } catch (RuntimeException ex) {
            failed(e, ex);
            return false;
        }
        if (disk != null) {
            disk.writeSucceeded(DiskWatch.StateFile.JOURNAL);
        }
        if (nearFull) {
            LOG.warn("audit journal near full ({} bytes)", journal.totalBytes());
            extra(AuditEvent.of(doorId, AuditEvent.Type.JOURNAL_NEAR_FULL, AuditEvent.SOURCE_DEVICE,
                    clock.instant()).withDetails(Map.of("bytes", Long.toString(journal.totalBytes()))));
        }
        long drops = journal.dropped();
        if (drops > reportedDrops) {
            reportedDrops = drops;
            extra(AuditEvent.of(doorId, AuditEvent.Type.FAULT, AuditEvent.SOURCE_DEVICE, clock.instant())
                    .withReason("JOURNAL_FULL_DROPPED").withDetails(Map.of("droppedRecords", Long.toString(drops))));
        }
        return true;
    }

    /** An event the journal itself raises after another: kept in memory too if it cannot be written. */
    private void extra(AuditEvent e) {
        try {
            journal.append(e);
        } catch (RuntimeException ex) {
            failed(e, ex);
            keep(e);
        }
    }

    private void failed(AuditEvent e, RuntimeException ex) {
        LOG.error("audit journal append failed for event {} ({}); kept in memory, {} waiting", e.id(),
                Failures.describe(ex), backlog.size() + 1);
        if (disk != null) {
            disk.writeFailed(DiskWatch.StateFile.JOURNAL);
        }
    }

    private void keep(AuditEvent e) {
        if (backlog.size() >= MAX_BACKLOG) {
            backlog.removeFirst();
            backlogDropped++;
        }
        backlog.addLast(e);
    }

    public AuditJournal journal() {
        return journal;
    }
}

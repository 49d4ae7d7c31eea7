package com.facegate.bench.rush;

import com.facegate.cloud.audit.AuditSinkHandler;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Decision;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happened to every capture of the rush, from the outside: uploaded by a door, each decision the door
 * received for it, and each door audit record of its outcome the cloud's sink stored. Lost, duplicated and
 * unaudited captures are counted from here.
 */
final class Tally {
    /** A door's record of a visit's outcome: exactly one per capture. */
    static final Set<AuditEvent.Type> OUTCOMES = EnumSet.of(AuditEvent.Type.UNLOCKED, AuditEvent.Type.DENIED,
            AuditEvent.Type.OFFLINE_DECISION);

    /** One capture: times are System.nanoTime(), 0 = did not happen. */
    static final class Capture {
        final String door;
        final String captureId;
        volatile long faceFrame;
        volatile long decided;
        volatile long relayHigh;
        volatile Decision decision;
        final AtomicInteger decisions = new AtomicInteger();
        final AtomicInteger outcomeAudits = new AtomicInteger();

        Capture(String door, String captureId) {
            this.door = door;
            this.captureId = captureId;
        }
    }

    private final Map<String, Capture> captures = new ConcurrentHashMap<>();

    private static String id(String door, String captureId) {
        return door + "/" + captureId;
    }

    Capture uploaded(String door, String captureId, long faceFrame) {
        Capture c = captures.computeIfAbsent(id(door, captureId), k -> new Capture(door, captureId));
        c.faceFrame = faceFrame;
        return c;
    }

    /** A decision reached the door; null when it names no capture this door uploaded. */
    Capture decision(String door, Decision d, long at) {
        Capture c = captures.get(id(door, d.captureId()));
        if (c != null && c.decisions.incrementAndGet() == 1) {
            c.decision = d;
            c.decided = at;
        }
        return c;
    }

    /** The sink's stored audit records: a door's outcome record counts against its capture. */
    void audited(String topicDoorId, AuditSinkHandler.Outcome outcome) {
        AuditEvent e = outcome.event();
        if (outcome.accepted() && e != null && e.captureId() != null && OUTCOMES.contains(e.type())) {
            Capture c = captures.get(id(topicDoorId, e.captureId()));
            if (c != null) {
                c.outcomeAudits.incrementAndGet();
            }
        }
    }

    Collection<Capture> captures() {
        return captures.values();
    }
}

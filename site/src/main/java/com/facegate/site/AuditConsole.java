package com.facegate.site;

import com.facegate.cloud.audit.AuditSinkHandler;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Sanitize;

/**
 * The local site's console line for one door audit message, built from what the audit sink stored: a message
 * the sink refused (another door's id, a forged source) is shown as REJECTED with the sink's reason, never as the
 * event it claimed to be. Every value from outside is escaped for the terminal, so a command's reason or
 * requester cannot print a line of its own, recolour the screen or reorder it with bidi controls.
 */
public final class AuditConsole {
    private AuditConsole() {}

    public static String line(String topicDoorId, AuditSinkHandler.Outcome o) {
        if (!o.accepted() || o.event() == null) {
            return "  [door " + text(topicDoorId) + "] REJECTED " + text(o.reason())
                    + " (stored as a rejected audit message, not as the event it claimed)";
        }
        AuditEvent e = o.event();
        StringBuilder b = new StringBuilder("  [door ").append(text(e.doorId())).append("] ").append(e.type());
        if (e.badgeId() != null) {
            b.append(" badge ").append(text(e.badgeId()));
        }
        if (e.requestedBy() != null) {
            b.append(" by ").append(text(e.requestedBy()));
        }
        if (e.reason() != null) {
            b.append(" (").append(text(e.reason())).append(')');
        }
        return b.toString();
    }

    /** True when the stored event is a visit's outcome at the door (unlocked, denied, or not acted on). */
    public static boolean isVisitOutcome(AuditSinkHandler.Outcome o) {
        if (!o.accepted() || o.event() == null) {
            return false;
        }
        AuditEvent.Type t = o.event().type();
        return t == AuditEvent.Type.UNLOCKED || t == AuditEvent.Type.DENIED || t == AuditEvent.Type.IGNORED;
    }

    private static String text(String s) {
        return s == null ? "-" : Sanitize.forTerminal(s);
    }
}

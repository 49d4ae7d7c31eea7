package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console knows of each door's live state. Online/offline comes from the presence records in the audit
 * (DOOR_ONLINE / DOOR_OFFLINE, written by the presence rule in AWS and by the local stack alike). Lock, contact,
 * lock-down, version and audit backlog come from the doors' status messages, which the cloud does not store yet:
 * the console sees them only when it runs beside the local stack ({@link #onDoorMessage}).
 */
public final class DoorStates {
    private static final Logger LOG = LoggerFactory.getLogger(DoorStates.class);
    static final Duration PRESENCE_LOOKBACK = Duration.ofDays(1);

    /** One door's state; null fields are unknown. */
    public record State(String presence, Instant presenceAt, DoorStatus status) {}

    private final BadgeAdmin admin;
    private final Clock clock;
    private final Map<String, DoorStatus> latest = new ConcurrentHashMap<>();

    public DoorStates(BadgeAdmin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** A door message from the broker (local stack's {@code onDoorMessage}); only status messages are kept. */
    public void onDoorMessage(String topic, byte[] payload) {
        Optional<Topics.DoorTopic> t = Topics.parse(topic);
        if (t.isEmpty() || t.get().kind() != Topics.Kind.STATUS) {
            return;
        }
        try {
            DoorStatus s = MessageCodec.decode(payload, DoorStatus.class);
            if (t.get().doorId().equals(s.doorId())) {
                latest.merge(s.doorId(), s, (old, now) -> now.at().isBefore(old.at()) ? old : now);
            }
        } catch (InvalidMessageException e) {
            LOG.warn("door status on {} ignored: {}", topic, e.getMessage());
        }
    }

    /** Door id to state, for the doors in {@code doorIds}. */
    public Map<String, State> states(List<String> doorIds) {
        Instant now = clock.instant();
        Map<String, AuditEvent> presence = new HashMap<>();
        for (AuditRecord r : admin.queryAudit(null, null, now.minus(PRESENCE_LOOKBACK), now.plusSeconds(5))) {
            AuditEvent e = r.event();
            if (!r.rejected() && (e.type() == AuditEvent.Type.DOOR_ONLINE || e.type() == AuditEvent.Type.DOOR_OFFLINE)
                    && e.doorId() != null) {
                presence.put(e.doorId(), e); // oldest first: the last one wins
            }
        }
        Map<String, State> out = new HashMap<>();
        for (String id : doorIds) {
            AuditEvent p = presence.get(id);
            DoorStatus s = latest.get(id);
            String word = p == null ? (s != null && s.online() ? "online" : "unknown")
                    : p.type() == AuditEvent.Type.DOOR_ONLINE ? "online" : "offline";
            out.put(id, new State(word, p == null ? null : p.at(), s));
        }
        return out;
    }
}

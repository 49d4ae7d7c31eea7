package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console knows of each door's live state, the same standalone, inside {@code ./facegate local} and
 * against AWS. Online/offline comes from the presence records in the audit (DOOR_ONLINE / DOOR_OFFLINE, written by
 * the presence rule). Lock, contact, lock-down, version and audit backlog come from the door's last status message
 * as the status rule stored it ({@code status/{doorId}.json}); older than {@link #STALE_AFTER} it is shown stale.
 * The offline gallery the door last reported using is shown stale older than {@link #GALLERY_STALE_AFTER}.
 */
public final class DoorStates {
    static final Duration PRESENCE_LOOKBACK = Duration.ofDays(1);
    /** Doors report every 60 s by default (health.status.interval) and on every change: three missed is stale. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(3);
    /**
     * A gallery is republished every period (AWS template default GalleryRefreshMinutes = 5, local stack 60 s) and
     * the door fetches it every offline.galleryRefresh (60 s): three missed rounds at the AWS default plus one
     * refresh. Tighter would mark every gallery of a default AWS stack stale between two rounds.
     */
    public static final Duration GALLERY_STALE_AFTER = Duration.ofMinutes(3 * 5 + 1);

    /**
     * One door's state; null fields are unknown. {@code stale}: the status is older than {@link #STALE_AFTER}.
     * {@code now}: when the state was read, which the gallery's and the status's ages are against.
     */
    public record State(String presence, Instant presenceAt, DoorStatus status, boolean stale, Instant now) {
        /** Whether the door reported a gallery made longer than {@link #GALLERY_STALE_AFTER} ago. */
        public boolean galleryStale() {
            return status != null && status.galleryGeneratedAt() != null
                    && status.galleryGeneratedAt().isBefore(now.minus(GALLERY_STALE_AFTER));
        }
    }

    private final BadgeAdmin admin;
    private final Clock clock;

    public DoorStates(BadgeAdmin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
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
            DoorStatus s = admin.doorStatus(id).orElse(null);
            boolean stale = s != null && s.at().isBefore(now.minus(STALE_AFTER));
            String word = p == null ? (s != null && s.online() && !stale ? "online" : "unknown")
                    : p.type() == AuditEvent.Type.DOOR_ONLINE ? "online" : "offline";
            out.put(id, new State(word, p == null ? null : p.at(), s, stale, now));
        }
        return out;
    }
}

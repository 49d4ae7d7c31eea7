package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.console.auth.Role;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.protocol.AuditEvent;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live feed: decisions and door events of the last minutes, newest first, polled by the page every second
 * (console.js). It reads the audit, so it works the same on the local stack and in AWS.
 */
public final class EventsPage {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_ROWS = 200;
    private static final Set<AuditEvent.Type> SHOWN = EnumSet.of(AuditEvent.Type.DECISION, AuditEvent.Type.UNLOCKED,
            AuditEvent.Type.DENIED, AuditEvent.Type.IGNORED, AuditEvent.Type.REMOTE_UNLOCK, AuditEvent.Type.LOCKDOWN,
            AuditEvent.Type.LOCKDOWN_LIFTED, AuditEvent.Type.DOOR_FORCED, AuditEvent.Type.DOOR_HELD_OPEN,
            AuditEvent.Type.DOOR_CLOSED, AuditEvent.Type.OFFLINE_DECISION, AuditEvent.Type.DOOR_ONLINE,
            AuditEvent.Type.DOOR_OFFLINE);

    private final BadgeAdmin admin;
    private final Pages pages;
    private final Clock clock;

    public EventsPage(BadgeAdmin admin, Pages pages, Clock clock) {
        this.admin = admin;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /events}. */
    public void page(Context ctx) {
        boolean images = Guard.role(ctx) == Role.ADMIN;
        pages.render(ctx, "events.jte", "Live events", "events", "rows", rows(images), "images", images);
    }

    /** {@code GET /events/feed}: the table body only. */
    public void feed(Context ctx) {
        boolean images = Guard.role(ctx) == Role.ADMIN;
        pages.fragment(ctx, "events_rows.jte", Map.of("rows", rows(images), "images", images));
    }

    /** {@code images}: whether the viewer may see faces (admins): snapshot and matched-photo paths. */
    private List<EventRow> rows(boolean images) {
        Instant now = clock.instant();
        List<AuditRecord> recent = new ArrayList<>(admin.queryAudit(null, null, now.minus(WINDOW), now.plusSeconds(5)));
        Collections.reverse(recent);
        return recent.stream().filter(r -> !r.rejected() && SHOWN.contains(r.event().type())).limit(MAX_ROWS)
                .map(r -> EventRow.of(r, images)).toList();
    }
}

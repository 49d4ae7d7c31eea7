package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.protocol.AuditEvent;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forced and held-open door alarms of the last week, newest first, each open until an admin acknowledges it with a
 * note; the acknowledgement is itself an audit record (ALARM_ACKNOWLEDGED, the admin's id as requestedBy). The list
 * is read from the console's {@link AuditIndex}; an acknowledgement checks the audit itself, so that two admins
 * acknowledging at once cannot both pass on a listing a few seconds old.
 */
public final class AlarmPages {
    static final Duration LOOKBACK = Duration.ofDays(7);
    private static final int MAX_NOTE = 200;

    /** One alarm; {@code ackBy} null while it is open. */
    public record AlarmRow(String id, String at, String door, String type, String reason, String ackBy, String ackAt,
                           String ackNote) {
        public boolean open() {
            return ackBy == null;
        }
    }

    private final BadgeAdmin admin;
    private final AuditIndex index;
    private final Pages pages;
    private final Clock clock;

    public AlarmPages(BadgeAdmin admin, AuditIndex index, Pages pages, Clock clock) {
        this.admin = admin;
        this.index = index;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /alarms}. */
    public void list(Context ctx) {
        render(ctx, null);
    }

    /** {@code POST /alarms/{alarm}/ack}: only an alarm on the audit trail, once, with a note. */
    public void acknowledge(Context ctx) {
        String id = ctx.pathParam("alarm");
        AlarmRow alarm = alarms(admin.queryAudit(null, null, since(), until())).stream()
                .filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundResponse("no such alarm in the last " + LOOKBACK.toDays() + " days"));
        String note = ctx.formParam("note") == null ? "" : ctx.formParam("note").strip();
        String error = !alarm.open() ? "alarm already acknowledged by " + alarm.ackBy()
                : note.isEmpty() || note.length() > MAX_NOTE
                ? "acknowledgement refused: a note (at most " + MAX_NOTE + " characters) is required" : null;
        if (error != null) {
            ctx.status(alarm.open() ? 400 : 409);
            render(ctx, error);
            return;
        }
        admin.acknowledgeAlarm(alarm.door(), id, AuditEvent.Type.valueOf(alarm.type()),
                Guard.session(ctx).account().id(), note);
        ctx.redirect("/alarms?notice=" + PeoplePages.enc("alarm " + alarm.type() + " at door " + alarm.door()
                + " acknowledged"));
    }

    private void render(Context ctx, String error) {
        pages.render(ctx, "alarms.jte", "Alarms", "alarms", "rows",
                alarms(index.query(null, null, since(), until()).records()), "error", error);
    }

    private Instant since() {
        return clock.instant().minus(LOOKBACK);
    }

    /** "Now" plus a little, as the audit search: a door whose clock runs slightly ahead is still shown. */
    private Instant until() {
        return clock.instant().plusSeconds(5);
    }

    static List<AlarmRow> alarms(List<AuditRecord> week) {
        List<AuditEvent> raised = new ArrayList<>();
        Map<String, AuditEvent> acks = new HashMap<>();
        for (AuditRecord r : week) {
            AuditEvent e = r.event();
            if (r.rejected() || e.doorId() == null) {
                continue;
            }
            if (e.type() == AuditEvent.Type.DOOR_FORCED || e.type() == AuditEvent.Type.DOOR_HELD_OPEN) {
                raised.add(e);
            } else if (e.type() == AuditEvent.Type.ALARM_ACKNOWLEDGED && e.details() != null
                    && e.details().get("alarmId") != null) {
                acks.putIfAbsent(e.details().get("alarmId"), e); // oldest first: the first acknowledgement counts
            }
        }
        List<AlarmRow> rows = new ArrayList<>();
        for (int i = raised.size() - 1; i >= 0; i--) {
            AuditEvent e = raised.get(i);
            AuditEvent ack = acks.get(e.id());
            rows.add(new AlarmRow(e.id(), Times.second(e.at()), e.doorId(), e.type().name(),
                    e.reason() == null ? "" : e.reason(), ack == null ? null : ack.requestedBy(),
                    ack == null ? null : Times.second(ack.at()), ack == null ? null : ack.reason()));
        }
        return rows;
    }
}

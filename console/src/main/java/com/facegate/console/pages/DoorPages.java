package com.facegate.console.pages;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Door;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.protocol.DoorIds;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The doors page (live state) and remote unlock, which carries the signed-in admin's id as requestedBy. */
public final class DoorPages {
    static final Duration UNLOCK_TTL = Duration.ofSeconds(30);
    private static final int MAX_REASON = 200;

    private final BadgeAdmin admin;
    private final DoorStates states;
    private final Pages pages;
    private final boolean canPublish;

    public DoorPages(BadgeAdmin admin, DoorStates states, Pages pages, boolean canPublish) {
        this.admin = admin;
        this.states = states;
        this.pages = pages;
        this.canPublish = canPublish;
    }

    /** {@code GET /doors}. */
    public void list(Context ctx) {
        List<Door> doors = admin.listDoors().stream().sorted(Comparator.comparing(Door::doorId)).toList();
        Map<String, DoorStates.State> st = states.states(doors.stream().map(Door::doorId).toList());
        List<DoorRow> rows = doors.stream().map(d -> DoorRow.of(d, st.get(d.doorId()))).toList();
        pages.render(ctx, "doors.jte", "Doors", "doors", "rows", rows, "error", null, "canPublish", canPublish);
    }

    /** {@code POST /doors/{door}/unlock}: reason required; audited (REMOTE_UNLOCK, requestedBy) before it is sent. */
    public void unlock(Context ctx) {
        String doorId = ctx.pathParam("door");
        if (!DoorIds.isValid(doorId) || admin.registry().door(doorId).isEmpty()) {
            throw new NotFoundResponse("no such door");
        }
        String reason = ctx.formParam("reason") == null ? "" : ctx.formParam("reason").strip();
        String error = null;
        if (!canPublish) {
            error = "remote unlock needs the IoT data endpoint (--iot-endpoint)";
        } else if (reason.isEmpty() || reason.length() > MAX_REASON) {
            error = "remote unlock refused: a reason (at most " + MAX_REASON + " characters) is required";
        }
        if (error != null) {
            ctx.status(400);
            List<Door> doors = admin.listDoors().stream().sorted(Comparator.comparing(Door::doorId)).toList();
            Map<String, DoorStates.State> st = states.states(doors.stream().map(Door::doorId).toList());
            pages.render(ctx, "doors.jte", "Doors", "doors", "rows",
                    doors.stream().map(d -> DoorRow.of(d, st.get(d.doorId()))).toList(), "error", error,
                    "canPublish", canPublish);
            return;
        }
        var command = admin.unlock(doorId, Guard.session(ctx).account().id(), reason, UNLOCK_TTL);
        ctx.redirect("/doors?notice=" + PeoplePages.enc("remote unlock " + command.requestId() + " sent to door "
                + doorId));
    }
}

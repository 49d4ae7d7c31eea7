package com.facegate.console.pages;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.CommandNotDeliveredException;
import com.facegate.cloud.registry.Door;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorIds;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The doors page (live state) and the door commands: remote unlock, lock-down and its lift, each with a required
 * reason and the signed-in admin's id as requestedBy, audited by {@link BadgeAdmin} with its delivery outcome; a
 * command the IoT endpoint refused is shown as an error (502), never as sent.
 */
public final class DoorPages {
    static final Duration UNLOCK_TTL = Duration.ofSeconds(30);
    /** A lock-down must still reach a door that reconnects a little later; the protocol allows at most 5 min. */
    static final Duration LOCKDOWN_TTL = Duration.ofMinutes(5);
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
        render(ctx, null);
    }

    /** {@code POST /doors/{door}/unlock}: reason required; audited (REMOTE_UNLOCK, requestedBy, delivery). */
    public void unlock(Context ctx) {
        send(ctx, DoorCommand.Type.UNLOCK);
    }

    /** {@code POST /doors/{door}/lockdown}: face grants refused at the door until lifted (audited LOCKDOWN). */
    public void lockdown(Context ctx) {
        send(ctx, DoorCommand.Type.LOCKDOWN);
    }

    /** {@code POST /doors/{door}/lift}: lifts a lock-down (audited LOCKDOWN_LIFTED). */
    public void lift(Context ctx) {
        send(ctx, DoorCommand.Type.LIFT_LOCKDOWN);
    }

    private void send(Context ctx, DoorCommand.Type type) {
        String doorId = ctx.pathParam("door");
        if (!DoorIds.isValid(doorId) || admin.registry().door(doorId).isEmpty()) {
            throw new NotFoundResponse("no such door");
        }
        String what = words(type);
        String reason = ctx.formParam("reason") == null ? "" : ctx.formParam("reason").strip();
        String error = null;
        if (!canPublish) {
            error = what + " needs the IoT data endpoint (--iot-endpoint)";
        } else if (reason.isEmpty() || reason.length() > MAX_REASON) {
            error = what + " refused: a reason (at most " + MAX_REASON + " characters) is required";
        }
        if (error != null) {
            ctx.status(400);
            render(ctx, error);
            return;
        }
        String by = Guard.session(ctx).account().id();
        DoorCommand command;
        try {
            command = switch (type) {
                case UNLOCK -> admin.unlock(doorId, by, reason, UNLOCK_TTL);
                case LOCKDOWN -> admin.lockdown(doorId, false, by, reason, LOCKDOWN_TTL);
                case LIFT_LOCKDOWN -> admin.lockdown(doorId, true, by, reason, LOCKDOWN_TTL);
                case RESYNC -> throw new IllegalArgumentException("resync is not a console command");
            };
        } catch (CommandNotDeliveredException e) {
            // The admin must not read "sent" for a command the door never got; the audit says FAILED too.
            ctx.status(502);
            render(ctx, what + " " + e.requestId() + " was NOT sent to door " + doorId + ": the IoT data endpoint "
                    + "did not accept it (audited as failed); try again");
            return;
        }
        ctx.redirect("/doors?notice=" + PeoplePages.enc(what + " " + command.requestId() + " sent to door " + doorId));
    }

    private static String words(DoorCommand.Type type) {
        return switch (type) {
            case UNLOCK -> "remote unlock";
            case LOCKDOWN -> "lock-down";
            case LIFT_LOCKDOWN -> "lift of lock-down";
            case RESYNC -> "resync";
        };
    }

    private void render(Context ctx, String error) {
        List<Door> doors = admin.listDoors().stream().sorted(Comparator.comparing(Door::doorId)).toList();
        Map<String, DoorStates.State> st = states.states(doors.stream().map(Door::doorId).toList());
        List<DoorRow> rows = doors.stream().map(d -> DoorRow.of(d, st.get(d.doorId()))).toList();
        pages.render(ctx, "doors.jte", "Doors", "doors", "rows", rows, "error", error, "canPublish", canPublish,
                "staleAfter", DoorStates.STALE_AFTER.toMinutes() + " min", "galleryStaleAfter",
                DoorStates.GALLERY_STALE_AFTER.toMinutes() + " min");
    }
}

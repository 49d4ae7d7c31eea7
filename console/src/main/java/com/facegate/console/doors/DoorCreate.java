package com.facegate.console.doors;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.DoorTakenException;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.protocol.DoorIds;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /doors/new} (admins): a new door's registry document, with the same fields and check as
 * {@link DoorEdit} and saved the same way ({@link BadgeAdmin#createDoor(Door, String)}: a conditional write, then
 * {@code DOOR_UPDATED} with {@code created=true} and the admin's id), refused when the id is taken, also when
 * another admin takes it at the same moment. That is all
 * creating a door is here: its identity (certificate and key; in AWS an IoT thing) is the next, separate step,
 * which the page after it shows ({@code ./facegate provision-door}); until then no door can connect as it.
 */
public final class DoorCreate {
    private final BadgeAdmin admin;
    private final Pages pages;

    public DoorCreate(BadgeAdmin admin, Pages pages) {
        this.admin = admin;
        this.pages = pages;
    }

    /** {@code GET /doors/new}: an empty form (default mode FACE, no group yet: nobody may enter). */
    public void form(Context ctx) {
        Guard.requireAdmin(ctx);
        Map<String, String> empty = new HashMap<>();
        WeekForm.DAYS.forEach(d -> empty.put(d, ""));
        DoorEdit.show(pages, ctx, new DoorEdit.Form("", "", "", Set.of(), DoorMode.FACE.name(), "", empty, empty,
                Map.of(), admin.listGroups(), true));
    }

    /** {@code POST /doors}: nothing written unless every field passes and no door has the id. */
    public void submit(Context ctx) {
        String id = ctx.formParam("doorId") == null ? "" : ctx.formParam("doorId").strip();
        DoorEdit.Posted posted = DoorEdit.read(ctx, id, admin.listGroups(), true);
        Map<String, String> problems = new LinkedHashMap<>(posted.form().problems());
        if (DoorIds.isValid(id) && admin.registry().door(id).isPresent()) {
            problems.put("doorId", "door " + id + " already exists: change it with Edit on the doors page");
        }
        if (!problems.isEmpty()) {
            DoorEdit.Form f = posted.form();
            ctx.status(400);
            DoorEdit.show(pages, ctx, new DoorEdit.Form(f.doorId(), f.name(), f.timeZone(), f.groups(), f.mode(),
                    f.falseAcceptTarget(), f.modes(), f.schedules(), problems, f.knownGroups(), true));
            return;
        }
        Door door = WeekForm.merged(posted.check().door());
        try {
            admin.createDoor(door, Guard.session(ctx).account().id());
        } catch (DoorTakenException e) {
            // Another admin created the id between the check above and this conditional write: nothing written.
            problems.put("doorId", "door id already taken: " + id + " was created a moment ago; change it with Edit");
            DoorEdit.Form f = posted.form();
            ctx.status(409);
            DoorEdit.show(pages, ctx, new DoorEdit.Form(f.doorId(), f.name(), f.timeZone(), f.groups(), f.mode(),
                    f.falseAcceptTarget(), f.modes(), f.schedules(), problems, f.knownGroups(), true));
            return;
        }
        String notice = "door " + id + " created" + DoorEdit.warnings(posted.check());
        ctx.redirect("/doors/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
                + "/created?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8));
    }

    /** {@code GET /doors/{door}/created}: what was created and the step that gives the door its identity. */
    public void created(Context ctx) {
        Guard.requireAdmin(ctx);
        String id = ctx.pathParam("door");
        Door door = (DoorIds.isValid(id) ? admin.registry().door(id) : java.util.Optional.<Door>empty())
                .orElseThrow(() -> new NotFoundResponse("no such door"));
        pages.render(ctx, "door_created.jte", "Door " + id + " created", "doors", "door", door, "groups",
                door.allowedGroups().isEmpty() ? "(none: nobody may enter)" : String.join(", ",
                        door.allowedGroups()), "provision", "./facegate provision-door " + shellWord(id),
                "thing", "aws iot create-thing --thing-name " + shellWord(id));
    }

    /** A door id as one shell word: ids may hold spaces, never quotes (DoorIds). */
    static String shellWord(String id) {
        return id.contains(" ") ? "'" + id + "'" : id;
    }
}

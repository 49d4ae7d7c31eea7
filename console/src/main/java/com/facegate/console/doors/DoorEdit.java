package com.facegate.console.doors;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.DoorRules;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.protocol.DoorIds;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code /doors/{door}/edit} (admins): name, time zone, allowed groups (the known ones), default mode, mode windows
 * and schedule windows per weekday, false-accept target. Checked by {@link DoorRules} (the command line's check),
 * every problem shown beside its field; saved by {@link BadgeAdmin#putDoor(Door, String)}, which audits
 * {@code DOOR_UPDATED} with the admin's id before writing.
 */
public final class DoorEdit {
    private final BadgeAdmin admin;
    private final Pages pages;

    public DoorEdit(BadgeAdmin admin, Pages pages) {
        this.admin = admin;
        this.pages = pages;
    }

    /**
     * What the form shows: the field texts, the problems by form field, the groups to choose from; {@code creating}:
     * a new door ({@link DoorCreate}), whose id is typed too.
     */
    public record Form(String doorId, String name, String timeZone, Set<String> groups, String mode,
                       String falseAcceptTarget, Map<String, String> modes, Map<String, String> schedules,
                       Map<String, String> problems, List<String> knownGroups, boolean creating) {
        public String problem(String field) {
            return problems.get(field);
        }

        public List<String> modeNames() {
            return java.util.Arrays.stream(DoorMode.values()).map(Enum::name).toList();
        }
    }

    /** {@code GET /doors/{door}/edit}. */
    public void form(Context ctx) {
        Guard.requireAdmin(ctx);
        Door d = door(ctx);
        show(ctx, new Form(d.doorId(), Objects.requireNonNullElse(d.name(), ""),
                Objects.requireNonNullElse(d.timeZone(), ""), new HashSet<>(d.allowedGroups()),
                Objects.requireNonNullElse(d.mode(), DoorMode.FACE).name(),
                d.falseAcceptTarget() == null ? "" : d.falseAcceptTarget().toString(), WeekForm.modesByDay(d),
                WeekForm.schedulesByDay(d), Map.of(), known(d), false));
    }

    /** {@code POST /doors/{door}/edit}: nothing written unless every field passes. */
    public void submit(Context ctx) {
        Door d = door(ctx);
        Posted posted = read(ctx, d.doorId(), known(d), false);
        if (!posted.check().ok()) {
            ctx.status(400);
            show(ctx, posted.form());
            return;
        }
        Map<String, String> changes = admin.putDoor(WeekForm.merged(posted.check().door()),
                Guard.session(ctx).account().id());
        String notice = "door " + d.doorId() + (changes.isEmpty() ? ": nothing changed"
                : " saved (" + String.join(", ", changes.keySet()) + ")") + warnings(posted.check());
        ctx.redirect("/doors?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8));
    }

    /** The posted form checked by {@link DoorRules}, and the form to show again with its problems by field. */
    record Posted(DoorRules.DoorCheck check, Form form) {}

    /** Reads the door form's fields for door {@code doorId} (the same for a new door and an edit). */
    static Posted read(Context ctx, String doorId, List<String> known, boolean creating) {
        Map<String, String> modes = new LinkedHashMap<>();
        Map<String, String> schedules = new LinkedHashMap<>();
        for (String day : WeekForm.DAYS) {
            modes.put(day, text(ctx.formParam("modes." + day)));
            schedules.put(day, text(ctx.formParam("schedule." + day)));
        }
        List<String> groups = ctx.formParams("group");
        WeekForm.Texts modeTexts = WeekForm.modeTexts("modes", modes);
        WeekForm.Texts scheduleTexts = WeekForm.scheduleTexts("schedule", schedules);
        DoorRules.DoorCheck check = DoorRules.check(new DoorRules.DoorFields(doorId, ctx.formParam("name"),
                ctx.formParam("timeZone"), String.join(",", groups), ctx.formParam("mode"),
                ctx.formParam("falseAcceptTarget"), scheduleTexts.windows(), modeTexts.windows()),
                new HashSet<>(known));
        Map<String, String> problems = new LinkedHashMap<>();
        check.problems().forEach((field, message) -> problems.merge(formField(field, modeTexts, scheduleTexts),
                message, (a, b) -> a + "; " + b));
        return new Posted(check, new Form(doorId, text(ctx.formParam("name")), text(ctx.formParam("timeZone")),
                new HashSet<>(groups), text(ctx.formParam("mode")), text(ctx.formParam("falseAcceptTarget")),
                modes, schedules, problems, known, creating));
    }

    static String warnings(DoorRules.DoorCheck check) {
        return check.warnings().isEmpty() ? "" : "; warning: " + String.join("; ", check.warnings());
    }

    /** {@code modeWindows[3]} → the weekday field it came from; other fields keep their name. */
    private static String formField(String field, WeekForm.Texts modes, WeekForm.Texts schedules) {
        if (field.startsWith("modeWindows[")) {
            return modes.fields().get(index(field));
        }
        if (field.startsWith("schedules[")) {
            return schedules.fields().get(index(field));
        }
        return field;
    }

    private static int index(String field) {
        return Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
    }

    /** Groups a door may allow: those with a document, held by a badge or allowed at a door. */
    private List<String> known(Door d) {
        List<String> out = new ArrayList<>(admin.listGroups());
        d.allowedGroups().stream().filter(g -> !out.contains(g)).forEach(out::add);
        return out;
    }

    private void show(Context ctx, Form form) {
        show(pages, ctx, form);
    }

    static void show(Pages pages, Context ctx, Form form) {
        pages.render(ctx, "door_edit.jte", form.creating() ? "New door" : "Edit door " + form.doorId(), "doors",
                "form", form, "days", WeekForm.DAYS);
    }

    private Door door(Context ctx) {
        String id = ctx.pathParam("door");
        if (!DoorIds.isValid(id)) {
            throw new NotFoundResponse("no such door");
        }
        return admin.registry().door(id).orElseThrow(() -> new NotFoundResponse("no such door: " + id));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}

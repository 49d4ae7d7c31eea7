package com.facegate.console.doors;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorRules;
import com.facegate.cloud.registry.Group;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /groups}: every group (documents, and names a badge or door uses) with its description, the doors that
 * allow it and how many badges hold it; admins add one or change its description ({@code /groups/{group}/edit}),
 * checked by {@link DoorRules#checkGroup} and audited {@code GROUP_UPDATED} by {@link BadgeAdmin}.
 */
public final class GroupPages {
    private final BadgeAdmin admin;
    private final Pages pages;

    public GroupPages(BadgeAdmin admin, Pages pages) {
        this.admin = admin;
        this.pages = pages;
    }

    /** One row of the list. */
    public record Row(String name, String description, String doors, long badges) {}

    /** {@code GET /groups}. */
    public void list(Context ctx) {
        list(ctx, "", "", Map.of());
    }

    /** {@code POST /groups}: a new group. */
    public void create(Context ctx) {
        String name = text(ctx.formParam("name")).strip();
        String description = text(ctx.formParam("description")).strip();
        Map<String, String> problems = new java.util.LinkedHashMap<>(DoorRules.checkGroup(name, description));
        if (problems.isEmpty() && group(name).isPresent()) {
            problems.put("name", "group " + name + " exists already: edit it instead");
        }
        if (!problems.isEmpty()) {
            ctx.status(400);
            list(ctx, name, description, problems);
            return;
        }
        admin.putGroup(new Group(name, description.isEmpty() ? null : description),
                Guard.session(ctx).account().id());
        ctx.redirect("/groups?notice=" + URLEncoder.encode("group " + name + " added", StandardCharsets.UTF_8));
    }

    /** {@code GET /groups/{group}/edit}. */
    public void form(Context ctx) {
        Guard.requireAdmin(ctx);
        String name = name(ctx);
        edit(ctx, name, group(name).map(Group::description).orElse(""), Map.of());
    }

    /** {@code POST /groups/{group}/edit}: its description. */
    public void submit(Context ctx) {
        String name = name(ctx);
        String description = text(ctx.formParam("description")).strip();
        Map<String, String> problems = DoorRules.checkGroup(name, description);
        if (!problems.isEmpty()) {
            ctx.status(400);
            edit(ctx, name, description, problems);
            return;
        }
        Map<String, String> changes = admin.putGroup(new Group(name, description.isEmpty() ? null : description),
                Guard.session(ctx).account().id());
        ctx.redirect("/groups?notice=" + URLEncoder.encode("group " + name
                + (changes.isEmpty() ? ": nothing changed" : " saved"), StandardCharsets.UTF_8));
    }

    private void list(Context ctx, String name, String description, Map<String, String> problems) {
        List<Door> doors = admin.listDoors();
        List<Badge> badges = admin.listBadges();
        Map<String, String> descriptions = new java.util.HashMap<>();
        admin.registry().groups().forEach(g -> descriptions.put(g.name(), g.description()));
        List<Row> rows = admin.listGroups().stream().map(g -> new Row(g,
                java.util.Objects.requireNonNullElse(descriptions.get(g), ""),
                String.join(", ", doors.stream().filter(d -> d.allowedGroups().contains(g)).map(Door::doorId)
                        .sorted().toList()),
                badges.stream().filter(b -> b.groups().contains(g)).count())).toList();
        pages.render(ctx, "groups.jte", "Groups", "groups", "rows", rows, "name", name, "description",
                description, "problems", problems);
    }

    private void edit(Context ctx, String name, String description, Map<String, String> problems) {
        pages.render(ctx, "group_edit.jte", "Edit group " + name, "groups", "name", name, "description",
                description == null ? "" : description, "problems", problems);
    }

    /** A group known by name: a document, or a name some badge or door uses. */
    private String name(Context ctx) {
        String name = ctx.pathParam("group");
        if (!BadgeIds.isValid(name) || !admin.listGroups().contains(name)) {
            throw new NotFoundResponse("no such group");
        }
        return name;
    }

    private Optional<Group> group(String name) {
        return admin.registry().groups().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}

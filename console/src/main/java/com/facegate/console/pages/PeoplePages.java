package com.facegate.console.pages;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The people pages: search and list badges (from the {@link PeopleSnapshot}: no store call per request), one
 * person's page with their photos' outcomes (read fresh), revoke, erase.
 */
public final class PeoplePages {
    static final int PAGE_SIZE = 50;

    private final BadgeAdmin admin;
    private final PeopleSnapshot people;
    private final Pages pages;
    private final Clock clock;

    public PeoplePages(BadgeAdmin admin, PeopleSnapshot people, Pages pages, Clock clock) {
        this.admin = admin;
        this.people = people;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /people?q=&page=}: badges whose id, name or a group contains q, 50 to a page. */
    public void list(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        int page = Math.max(0, PagingParams.intParam(ctx, "page", 0));
        PeopleIndex index = people.index();
        List<PeopleIndex.Person> matching = index.matching(q);
        int from = (int) Math.min(matching.size(), (long) page * PAGE_SIZE);
        int to = Math.min(matching.size(), from + PAGE_SIZE);
        Instant now = clock.instant();
        List<PersonRow> rows = matching.subList(from, to).stream().map(p -> PersonRow.of(p.badge(), p.photos(), now))
                .toList();
        // A failed refresh after this index was read: the list is older than the refresh period says.
        String stale = people.failure().filter(f -> f.at().isAfter(index.readAt()))
                .map(f -> "the store was unreachable at " + Times.second(f.at()) + " (" + f.error() + ")")
                .orElse(null);
        pages.render(ctx, "people.jte", "People", "people", "rows", rows, "q", q, "page", page,
                "total", matching.size(), "more", to < matching.size(), "readAt", Times.second(index.readAt()),
                "every", people.every().toSeconds(), "stale", stale);
    }

    /** {@code GET /people/{badge}}. */
    public void person(Context ctx) {
        PeopleIndex.Person p = fresh(ctx);
        pages.render(ctx, "person.jte", "Badge " + p.badge().badgeId(), "people", "person",
                PersonRow.of(p.badge(), p.photos(), clock.instant()));
    }

    /** {@code POST /people/{badge}/revoke}: audited with the admin's id. */
    public void revoke(Context ctx) {
        Badge b = badge(ctx);
        admin.revoke(b.badgeId(), Guard.session(ctx).account().id());
        ctx.redirect("/people/" + b.badgeId() + "?notice=" + enc("badge " + b.badgeId() + " revoked"));
    }

    /** {@code GET /people/{badge}/erase}: what erasing deletes, and the typed confirmation. */
    public void eraseForm(Context ctx) {
        PeopleIndex.Person p = fresh(ctx);
        pages.render(ctx, "erase.jte", "Erase " + p.badge().badgeId(), "people", "person",
                PersonRow.of(p.badge(), p.photos(), clock.instant()), "error", null);
    }

    /** {@code POST /people/{badge}/erase}: only when the badge id was typed exactly. */
    public void erase(Context ctx) {
        Badge b = badge(ctx);
        if (!b.badgeId().equals(ctx.formParam("confirm"))) {
            PeopleIndex.Person p = fresh(ctx);
            ctx.status(400);
            pages.render(ctx, "erase.jte", "Erase " + b.badgeId(), "people", "person",
                    PersonRow.of(p.badge(), p.photos(), clock.instant()),
                    "error", "not erased: type the badge id " + b.badgeId() + " exactly to confirm");
            return;
        }
        var report = admin.erase(b.badgeId(), Guard.session(ctx).account().id());
        ctx.redirect("/people?notice=" + enc("badge " + b.badgeId() + " erased: " + report.facesDeleted()
                + " face(s), " + report.photosDeleted() + " photo(s), " + report.registryDocumentsDeleted()
                + " registry document(s)"));
    }

    /** The badge of the path with its photos, read now. */
    private PeopleIndex.Person fresh(Context ctx) {
        String id = ctx.pathParam("badge");
        return people.fresh(id).orElseThrow(() -> new NotFoundResponse(BadgeIds.isValid(id) ? "no such badge: " + id
                : "no such badge"));
    }

    private Badge badge(Context ctx) {
        String id = ctx.pathParam("badge");
        if (!BadgeIds.isValid(id)) {
            throw new NotFoundResponse("no such badge");
        }
        return admin.registry().badge(id).orElseThrow(() -> new NotFoundResponse("no such badge: " + id));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

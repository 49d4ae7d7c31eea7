package com.facegate.console.pages;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentHandler;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.console.web.ReasonWords;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The people pages: search and list badges, one person's page with their photos' outcomes, revoke, erase. */
public final class PeoplePages {
    public static final String PENDING = "PENDING";
    static final int PAGE_SIZE = 50;
    /**
     * A page's rows read their photos' outcomes side by side: each row is two S3 listings, which one after the
     * other would cost a page 100 round trips. Daemon threads, shared by the consoles of one JVM.
     */
    private static final ExecutorService ROWS = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "console-people-rows");
        t.setDaemon(true);
        return t;
    });

    private final BadgeAdmin admin;
    private final Pages pages;
    private final Clock clock;

    public PeoplePages(BadgeAdmin admin, Pages pages, Clock clock) {
        this.admin = admin;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /people?q=&page=}: badges whose id, name or a group contains q; enrollment shown for this page. */
    public void list(Context ctx) {
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        int page = Math.max(0, PagingParams.intParam(ctx, "page", 0));
        String needle = q.toLowerCase(Locale.ROOT);
        List<Badge> matching = admin.listBadges().stream().filter(b -> needle.isEmpty() || matches(b, needle))
                .sorted(Comparator.comparing(Badge::badgeId)).toList();
        int from = Math.min(matching.size(), page * PAGE_SIZE);
        int to = Math.min(matching.size(), from + PAGE_SIZE);
        Instant now = clock.instant();
        List<Future<PersonRow>> pending = new ArrayList<>();
        for (Badge b : matching.subList(from, to)) {
            pending.add(ROWS.submit(() -> PersonRow.of(b, photos(b.badgeId()), now)));
        }
        List<PersonRow> rows = new ArrayList<>();
        for (Future<PersonRow> f : pending) {
            rows.add(done(f));
        }
        pages.render(ctx, "people.jte", "People", "people", "rows", rows, "q", q, "page", page,
                "total", matching.size(), "more", to < matching.size());
    }

    /** {@code GET /people/{badge}}. */
    public void person(Context ctx) {
        Badge b = badge(ctx);
        pages.render(ctx, "person.jte", "Badge " + b.badgeId(), "people", "person",
                PersonRow.of(b, photos(b.badgeId()), clock.instant()));
    }

    /** {@code POST /people/{badge}/revoke}: audited with the admin's id. */
    public void revoke(Context ctx) {
        Badge b = badge(ctx);
        admin.revoke(b.badgeId(), Guard.session(ctx).account().id());
        ctx.redirect("/people/" + b.badgeId() + "?notice=" + enc("badge " + b.badgeId() + " revoked"));
    }

    /** {@code GET /people/{badge}/erase}: what erasing deletes, and the typed confirmation. */
    public void eraseForm(Context ctx) {
        Badge b = badge(ctx);
        pages.render(ctx, "erase.jte", "Erase " + b.badgeId(), "people", "person",
                PersonRow.of(b, photos(b.badgeId()), clock.instant()), "error", null);
    }

    /** {@code POST /people/{badge}/erase}: only when the badge id was typed exactly. */
    public void erase(Context ctx) {
        Badge b = badge(ctx);
        if (!b.badgeId().equals(ctx.formParam("confirm"))) {
            ctx.status(400);
            pages.render(ctx, "erase.jte", "Erase " + b.badgeId(), "people", "person",
                    PersonRow.of(b, photos(b.badgeId()), clock.instant()),
                    "error", "not erased: type the badge id " + b.badgeId() + " exactly to confirm");
            return;
        }
        var report = admin.erase(b.badgeId(), Guard.session(ctx).account().id());
        ctx.redirect("/people?notice=" + enc("badge " + b.badgeId() + " erased: " + report.facesDeleted()
                + " face(s), " + report.photosDeleted() + " photo(s), " + report.registryDocumentsDeleted()
                + " registry document(s)"));
    }

    /** Every uploaded photo of the badge with its outcome; uploaded ones without an outcome yet are PENDING. */
    List<PhotoRow> photos(String badgeId) {
        Map<String, PhotoEnrollment> outcomes = admin.enrollmentStatus(badgeId).stream()
                .collect(Collectors.toMap(PhotoEnrollment::photoKey, Function.identity(), (a, b) -> a));
        List<PhotoRow> rows = new ArrayList<>();
        for (String key : admin.registry().keys(EnrollmentHandler.PREFIX + badgeId + "/")) {
            PhotoEnrollment e = outcomes.remove(key);
            rows.add(row(key, e));
        }
        // Outcomes whose photo is gone (enrolled photos may be deleted after indexing) still count.
        outcomes.forEach((key, e) -> rows.add(row(key, e)));
        return rows;
    }

    /** The row, or the failure it met (a store outage stays a 503, as when read in the request thread). */
    private static PersonRow done(Future<PersonRow> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the people page", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static PhotoRow row(String key, PhotoEnrollment e) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (e == null) {
            return new PhotoRow(name, PENDING, "waiting for the enrollment check", "");
        }
        String reasons = e.status() == PhotoEnrollment.Status.REPLACED ? ReasonWords.replacedBy(e.replacedBy())
                : ReasonWords.enrollment(e.reasons())
                + (e.duplicateOfBadge() == null ? "" : " (badge " + e.duplicateOfBadge() + ")");
        return new PhotoRow(name, e.status().name(), reasons, Times.second(e.at()));
    }

    private Badge badge(Context ctx) {
        String id = ctx.pathParam("badge");
        if (!BadgeIds.isValid(id)) {
            throw new NotFoundResponse("no such badge");
        }
        return admin.registry().badge(id).orElseThrow(() -> new NotFoundResponse("no such badge: " + id));
    }

    private static boolean matches(Badge b, String needle) {
        return b.badgeId().toLowerCase(Locale.ROOT).contains(needle)
                || (b.name() != null && b.name().toLowerCase(Locale.ROOT).contains(needle))
                || b.groups().stream().anyMatch(g -> g.toLowerCase(Locale.ROOT).contains(needle));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package com.facegate.console.pages;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentPhoto;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.console.people.PersonFields;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enrolling one person from the browser: the same path as {@code ./facegate admin enroll} ({@link BadgeAdmin#enroll}
 * writes the badge and uploads the photo; the S3-triggered enrollment handler runs the quality gate). Consent is
 * required and recorded with the signed-in admin as {@code enrolledBy}. One photo per submission: a badge's first
 * enrolled photo is the reference its later photos are checked against, so they must not race it.
 */
public final class EnrollPage {
    /** The privacy notice version offered by default; the admin may type the one the employee actually read. */
    public static final String DEFAULT_NOTICE = "v1";

    private final BadgeAdmin admin;
    private final Pages pages;
    private final Clock clock;

    public EnrollPage(BadgeAdmin admin, Pages pages, Clock clock) {
        this.admin = admin;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /people/new} (admins only). */
    public void form(Context ctx) {
        Guard.requireAdmin(ctx);
        show(ctx, Map.of("badge", orEmpty(ctx.queryParam("badge"))), null);
    }

    /** {@code POST /people}: checks everything before anything is written; errors re-show the form. */
    public void submit(Context ctx) {
        Map<String, String> f = Map.of("badge", orEmpty(ctx.formParam("badge")), "name", orEmpty(ctx.formParam("name")),
                "groups", orEmpty(ctx.formParam("groups")), "validFrom", orEmpty(ctx.formParam("validFrom")),
                "validUntil", orEmpty(ctx.formParam("validUntil")), "notice", orEmpty(ctx.formParam("notice")));
        try {
            EnrollmentRequest request = request(ctx, f);
            EnrollmentPhoto photo = photo(ctx.uploadedFile("photo"));
            Optional<Badge> existing = admin.registry().badge(request.badgeId());
            if (existing.isPresent() && existing.get().status() == Badge.Status.REVOKED
                    && !"on".equals(ctx.formParam("reactivate"))) {
                throw new IllegalArgumentException("badge " + request.badgeId()
                        + " is REVOKED: tick 'enroll a revoked badge again' to reactivate it");
            }
            admin.enroll(request, List.of(photo));
            ctx.redirect("/people/" + request.badgeId() + "?notice="
                    + PeoplePages.enc("photo uploaded for badge " + request.badgeId()
                            + ": the check takes a few seconds"));
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            show(ctx, f, e.getMessage());
        }
    }

    private EnrollmentRequest request(Context ctx, Map<String, String> f) {
        Instant now = clock.instant();
        PersonFields p = PersonFields.check(f.get("badge"), f.get("name"), f.get("groups"), f.get("validFrom"),
                f.get("validUntil"), now);
        if (!p.ok()) {
            throw new IllegalArgumentException(String.join("; ", p.problems()));
        }
        String notice = f.get("notice").strip();
        if (!"on".equals(ctx.formParam("consent")) || notice.isEmpty()) {
            throw new IllegalArgumentException("enrollment refused: the employee's consent to the privacy notice"
                    + " (its version) is required");
        }
        return new EnrollmentRequest(p.badgeId(), p.name(), p.groups(), p.validFrom(), p.validUntil(),
                new Consent(now, notice, Guard.session(ctx).account().id()));
    }

    private static EnrollmentPhoto photo(UploadedFile file) {
        if (file == null || file.size() == 0) {
            throw new IllegalArgumentException("choose a photo (JPEG or PNG)");
        }
        if (file.size() > CloudConfig.MAX_IMAGE_BYTES) {
            throw new IllegalArgumentException("photo is larger than 15 MB");
        }
        try (InputStream in = file.content()) {
            // The browser's file name is not kept (stored keys carry no names); only its bytes decide the type.
            return new EnrollmentPhoto("upload", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded photo", e);
        }
    }

    private void show(Context ctx, Map<String, String> fields, String error) {
        pages.render(ctx, "enroll.jte", "Enroll a person", "people", "f", fields, "error", error,
                "defaultNotice", DEFAULT_NOTICE);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

package com.facegate.console.people;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.console.pages.Times;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A person's page actions beyond revoke and erase: edit groups and validity ({@link BadgeAdmin#update}, audited
 * with the admin's id), and the GDPR access export: a zip of everything FaceGate holds about them.
 */
public final class PersonEdit {
    /** Within the audit reader's longest range (366 days, and the query runs one second past now). */
    static final Duration EXPORT_AUDIT_SPAN = Duration.ofDays(365);

    private final BadgeAdmin admin;
    private final Pages pages;
    private final Clock clock;

    public PersonEdit(BadgeAdmin admin, Pages pages, Clock clock) {
        this.admin = admin;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /people/{badge}/edit} (admins only). */
    public void form(Context ctx) {
        Guard.requireAdmin(ctx);
        Badge b = badge(ctx);
        show(ctx, b, String.join(", ", b.groups()), Times.day(b.validFrom()), Times.day(b.validUntil()), null);
    }

    /** {@code POST /people/{badge}/edit}: every problem listed at once; nothing written unless all is well. */
    public void submit(Context ctx) {
        Badge b = badge(ctx);
        String groups = orEmpty(ctx.formParam("groups"));
        String from = orEmpty(ctx.formParam("validFrom"));
        String until = orEmpty(ctx.formParam("validUntil"));
        PersonFields f = PersonFields.check(b.badgeId(), b.name(), groups, from, until,
                b.validFrom() == null ? clock.instant() : b.validFrom());
        if (!f.ok()) {
            ctx.status(400);
            show(ctx, b, groups, from, until, "not saved: " + String.join("; ", f.problems()));
            return;
        }
        admin.update(b.badgeId(), f.groups(), f.validFrom(), f.validUntil(), Guard.session(ctx).account().id());
        ctx.redirect("/people/" + b.badgeId() + "?notice="
                + URLEncoder.encode("badge " + b.badgeId() + " updated", StandardCharsets.UTF_8));
    }

    /**
     * {@code POST /people/{badge}/export} (admins; a POST so that it carries the CSRF token, since it is audited):
     * registry record, consent, enrollment outcomes, the stored enrollment photos and the person's audit records.
     * Audited before the zip is built, so no export goes unrecorded.
     */
    public void export(Context ctx) {
        Badge b = badge(ctx);
        admin.auditExport(b.badgeId(), Guard.session(ctx).account().id());
        Instant now = clock.instant();
        List<AuditRecord> audit = admin.queryAudit(null, b.badgeId(), now.minus(EXPORT_AUDIT_SPAN),
                now.plusSeconds(1));
        ObjectWriter json = MessageCodec.mapper().writerWithDefaultPrettyPrinter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "README.txt", ("FaceGate: the data held about badge " + b.badgeId() + ", exported " + now
                    + " by " + Guard.session(ctx).account().id() + ".\nregistry.json: the badge record; consent.json:"
                    + " the consent given; enrollments.json: each photo's enrollment outcome; photos/: the"
                    + " enrollment photos still stored; audit.json: audit records about the badge of the last "
                    + EXPORT_AUDIT_SPAN.toDays() + " days.\nFace vectors are not exportable: the face collection"
                    + " keeps them and never hands them out.\n").getBytes(StandardCharsets.UTF_8));
            put(zip, "registry.json", json.writeValueAsBytes(b));
            put(zip, "consent.json", json.writeValueAsBytes(b.consent() == null ? Map.of() : b.consent()));
            put(zip, "enrollments.json", json.writeValueAsBytes(admin.enrollmentStatus(b.badgeId())));
            for (Map.Entry<String, byte[]> p : admin.enrollmentPhotos(b.badgeId()).entrySet()) {
                put(zip, "photos/" + p.getKey().substring(p.getKey().lastIndexOf('/') + 1), p.getValue());
            }
            put(zip, "audit.json", json.writeValueAsBytes(audit.stream().map(AuditRecord::event).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export of badge " + b.badgeId() + " could not be written", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"facegate-" + b.badgeId() + "-export.zip\"");
        ctx.contentType("application/zip").result(bytes.toByteArray());
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private void show(Context ctx, Badge b, String groups, String from, String until, String error) {
        pages.render(ctx, "edit.jte", "Edit " + b.badgeId(), "people", "badge", b.badgeId(), "groups", groups,
                "validFrom", from, "validUntil", until, "error", error);
    }

    private Badge badge(Context ctx) {
        String id = ctx.pathParam("badge");
        if (!BadgeIds.isValid(id)) {
            throw new NotFoundResponse("no such badge");
        }
        return admin.registry().badge(id).orElseThrow(() -> new NotFoundResponse("no such badge: " + id));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

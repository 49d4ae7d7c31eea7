package com.facegate.console.people;

import com.facegate.cloud.registry.Consent;
import com.facegate.console.pages.AuditPages;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Bulk import pages: a CSV of people plus a zip of their photos named by badge id, consent confirmed once for the
 * whole file; a progress page that polls its status part, and the report of what was rejected and why (CSV).
 */
public final class BulkImport {
    static final long MAX_CSV_BYTES = 8L * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ImportJobs jobs;
    private final Pages pages;
    private final Clock clock;

    public BulkImport(ImportJobs jobs, Pages pages, Clock clock) {
        this.jobs = jobs;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /people/import} (admins only). */
    public void form(Context ctx) {
        Guard.requireAdmin(ctx);
        show(ctx, null, "v1");
    }

    /** {@code POST /people/import}: files checked, every row planned, then the import runs in the background. */
    public void submit(Context ctx) {
        String notice = ctx.formParam("notice") == null ? "" : ctx.formParam("notice").strip();
        try {
            if (!"on".equals(ctx.formParam("consent")) || notice.isEmpty()) {
                throw new IllegalArgumentException("import refused: confirm that every person in the CSV consented"
                        + " to the privacy notice (its version)");
            }
            List<ImportCsv.Line> lines = ImportCsv.parse(csv(ctx.uploadedFile("csv")));
            ImportZip.Contents photos = zip(ctx.uploadedFile("photos"));
            String by = Guard.session(ctx).account().id();
            ImportJob job = ImportJob.plan(newId(), lines, photos, new Consent(clock.instant(), notice, by),
                    clock.instant());
            jobs.submit(job);
            ctx.redirect("/people/import/" + job.id());
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            show(ctx, e.getMessage(), notice.isEmpty() ? "v1" : notice);
        }
    }

    /** {@code GET /people/import/{id}}: progress bar and per-row results, refreshed by console.js until done. */
    public void page(Context ctx) {
        Guard.requireAdmin(ctx);
        ImportJob job = job(ctx);
        pages.render(ctx, "import_job.jte", "Import", "people", "job", job);
    }

    /** {@code GET /people/import/{id}/status}: the part of the page that changes. */
    public void status(Context ctx) {
        Guard.requireAdmin(ctx);
        pages.fragment(ctx, "import_status.jte", Map.of("job", job(ctx)));
    }

    /** {@code GET /people/import/{id}/report.csv}: what was not imported, and why (RFC 4180, no formulas). */
    public void report(Context ctx) {
        Guard.requireAdmin(ctx);
        ImportJob job = job(ctx);
        StringBuilder sb = new StringBuilder("line,badge,outcome,reasons\r\n");
        for (ImportRow r : job.rows()) {
            if (r.reportable()) {
                sb.append(String.join(",", Integer.toString(r.line()), AuditPages.cell(r.badgeId()),
                        r.state().name(), AuditPages.cell(r.detail()))).append("\r\n");
            }
        }
        for (String p : job.fileProblems()) {
            sb.append(",,FILE,").append(AuditPages.cell(p)).append("\r\n");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"facegate-import-" + job.id() + "-rejected.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(sb.toString());
    }

    private ImportJob job(Context ctx) {
        String id = ctx.pathParam("id");
        return jobs.find(id).orElseThrow(() -> new NotFoundResponse("no such import (imports are kept until the"
                + " console restarts)"));
    }

    private static String csv(UploadedFile file) {
        if (file == null || file.size() == 0) {
            throw new IllegalArgumentException("choose the CSV file of people");
        }
        if (file.size() > MAX_CSV_BYTES) {
            throw new IllegalArgumentException("the CSV is larger than " + MAX_CSV_BYTES / (1024 * 1024) + " MB");
        }
        try (InputStream in = file.content()) {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the CSV is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded CSV", e);
        }
    }

    private static ImportZip.Contents zip(UploadedFile file) {
        if (file == null || file.size() == 0) {
            throw new IllegalArgumentException("choose the zip of photos (named <badge>.jpg)");
        }
        try (InputStream in = file.content()) {
            return ImportZip.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded zip", e);
        }
    }

    private void show(Context ctx, String error, String notice) {
        pages.render(ctx, "import.jte", "Bulk import", "people", "error", error, "notice", notice,
                "maxMb", ImportZip.MAX_TOTAL_BYTES / (1024 * 1024));
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

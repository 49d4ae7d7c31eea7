package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.console.web.Pages;
import com.facegate.protocol.AuditEvent;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Audit search by door, badge, type and time range, 100 per page, and the same result as CSV, read from the
 * console's {@link AuditIndex} (the page says as of when).
 */
public final class AuditPages {
    static final int PAGE_SIZE = 100;

    private final AuditIndex index;
    private final Pages pages;
    private final Clock clock;

    public AuditPages(AuditIndex index, Pages pages, Clock clock) {
        this.index = index;
        this.pages = pages;
        this.clock = clock;
    }

    /** {@code GET /audit}. */
    public void search(Context ctx) {
        AuditQuery q = AuditQuery.of(ctx, clock.instant());
        int page = Math.max(0, PagingParams.intParam(ctx, "page", 0));
        AuditIndex.Result found = q.run(index);
        List<AuditRecord> all = found.records();
        int from = Math.min(all.size(), page * PAGE_SIZE);
        int to = Math.min(all.size(), from + PAGE_SIZE);
        List<AuditRow> rows = all.subList(from, to).stream().map(AuditRow::of).toList();
        List<String> types = Arrays.stream(AuditEvent.Type.values()).map(Enum::name).toList();
        pages.render(ctx, "audit.jte", "Audit", "audit", "q", q, "rows", rows, "page", page, "total", all.size(),
                "more", to < all.size(), "types", types,
                "asOf", Times.second(found.asOf()), "lateBound", index.pastBound().toMinutes() + " minutes");
    }

    /** {@code GET /audit.csv}: every record of the search (RFC 4180 quoting; cells never start a formula). */
    public void csv(Context ctx) {
        AuditQuery q = AuditQuery.of(ctx, clock.instant());
        StringBuilder sb = new StringBuilder("at,type,door,badge,source,requestedBy,reason,similarity\r\n");
        for (AuditRecord r : q.run(index).records()) {
            AuditRow a = AuditRow.of(r);
            sb.append(String.join(",", cell(a.at()), cell(a.type()), cell(a.door()), cell(a.badge()), cell(a.source()),
                    cell(a.requestedBy()), cell(a.reason()), cell(a.similarity()))).append("\r\n");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"facegate-audit.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(sb.toString());
    }

    public static String cell(String v) {
        String s = v == null ? "" : v;
        // A spreadsheet would run =, +, - or @ at the start of a cell as a formula (CSV injection).
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}

package com.facegate.console.pages;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.protocol.AuditEvent;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The audit search form's fields, read and checked once for the page and the CSV export alike. */
public record AuditQuery(String door, String badge, String type, String fromText, String untilText, Instant from,
                         Instant until) {
    static final Duration MAX_RANGE = Duration.ofDays(366);

    static AuditQuery of(Context ctx, Instant now) {
        String door = blankToNull(ctx.queryParam("door"));
        String badge = blankToNull(ctx.queryParam("badge"));
        String type = blankToNull(ctx.queryParam("type"));
        if (type != null) {
            try {
                AuditEvent.Type.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("type: unknown audit event type '" + type + "'");
            }
        }
        Instant from;
        Instant until;
        try {
            // "now" plus a little: records stamped by a door whose clock runs slightly ahead are still shown.
            until = Times.parse("until", ctx.queryParam("until"), now.plusSeconds(5));
            from = Times.parse("from", ctx.queryParam("from"), now.minus(Duration.ofDays(1)));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        if (!until.isAfter(from) || Duration.between(from, until).compareTo(MAX_RANGE) > 0) {
            throw new BadRequestResponse("the time range must be non-empty and at most 366 days");
        }
        return new AuditQuery(door, badge, type == null ? null : type.toUpperCase(Locale.ROOT),
                orEmpty(ctx.queryParam("from")), orEmpty(ctx.queryParam("until")), from, until);
    }

    /** Newest first: a desk looks at what just happened. */
    AuditIndex.Result run(AuditIndex index) {
        AuditIndex.Result found = index.query(door, badge, from, until);
        List<AuditRecord> all = new java.util.ArrayList<>(found.records());
        java.util.Collections.reverse(all);
        return new AuditIndex.Result(all.stream().filter(r -> type == null || type.equals(r.event().type().name()))
                .toList(), found.asOf());
    }

    /** The query string that repeats this search (for paging and the CSV link). */
    public String queryString() {
        StringBuilder sb = new StringBuilder();
        add(sb, "door", door);
        add(sb, "badge", badge);
        add(sb, "type", type);
        add(sb, "from", fromText);
        add(sb, "until", untilText);
        return sb.toString();
    }

    public String doorOrEmpty() {
        return orEmpty(door);
    }

    public String badgeOrEmpty() {
        return orEmpty(badge);
    }

    public String typeOrEmpty() {
        return orEmpty(type);
    }

    private static void add(StringBuilder sb, String k, String v) {
        if (v != null && !v.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(PeoplePages.enc(v));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

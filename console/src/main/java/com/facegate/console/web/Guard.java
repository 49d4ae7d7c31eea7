package com.facegate.console.web;

import com.facegate.console.auth.Role;
import com.facegate.console.auth.Sessions;
import com.facegate.console.auth.Sessions.Session;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.RedirectResponse;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Runs before every request: security headers, the session cookie, sign-in required, CSRF token on every
 * state-changing request, and only admins may change anything. Refusals happen here, before any handler runs.
 */
public final class Guard {
    public static final String COOKIE = "fg_console";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String SESSION = "session";
    /** No inline script or style; images only from here and the snapshot store (presigned URLs). */
    private static final String CSP_BASE = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; img-src 'self'";
    private static final Set<String> PUBLIC_PATHS = Set.of("/login", "/login/code", "/static/console.css",
            "/static/console.js");
    /** Changes every signed-in account may make to itself, whatever its role. */
    private static final Set<String> OWN_ACCOUNT_PATHS = Set.of("/logout", "/account/totp", "/account/totp/confirm",
            "/account/totp/disable");

    private final Sessions sessions;
    private final boolean secureCookie;
    private final String csp;

    public Guard(Sessions sessions, boolean secureCookie, String extraImageSources) {
        this.sessions = sessions;
        this.secureCookie = secureCookie;
        this.csp = CSP_BASE + (extraImageSources == null || extraImageSources.isBlank() ? "" : " " + extraImageSources);
    }

    public void before(Context ctx) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
        ctx.header("Cache-Control", "no-store");
        if (secureCookie) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (ctx.path().startsWith("/static/")) {
            return;
        }
        Session session = sessions.find(ctx.cookie(COOKIE)).orElse(null);
        if (session == null) {
            session = sessions.anonymous();
            setCookie(ctx, session);
        }
        ctx.attribute(SESSION, session);
        boolean changes = !("GET".equals(ctx.method().name()) || "HEAD".equals(ctx.method().name()));
        if (changes && !tokenMatches(ctx, session)) {
            throw new ForbiddenResponse("CSRF token missing or wrong: reload the page and try again");
        }
        if (PUBLIC_PATHS.contains(ctx.path())) {
            return;
        }
        if (!session.signedIn()) {
            if (changes) {
                throw new UnauthorizedResponse("sign in first");
            }
            throw new RedirectResponse(HttpStatus.FOUND, "/login");
        }
        if (changes && !OWN_ACCOUNT_PATHS.contains(ctx.path()) && !session.account().role().mayChange()) {
            throw new ForbiddenResponse("role " + session.account().role() + " may not change anything");
        }
    }

    /** The signed-in (or anonymous) session of this request. */
    public static Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    public static Role role(Context ctx) {
        Session s = session(ctx);
        return s == null || s.account() == null ? null : s.account().role();
    }

    /** Pages that only admins may see (e.g. snapshots, enrollment forms): 403 for viewers. */
    public static void requireAdmin(Context ctx) {
        if (role(ctx) != Role.ADMIN) {
            throw new ForbiddenResponse("this page is for admins");
        }
    }

    public void setCookie(Context ctx, Session s) {
        // Strict: no cross-site request carries the session at all; the CSRF token is the second wall.
        ctx.cookie(new Cookie(COOKIE, s.id(), "/", -1, secureCookie, true, null, SameSite.STRICT));
    }

    public void clearCookie(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secureCookie, true, null, SameSite.STRICT));
    }

    private static boolean tokenMatches(Context ctx, Session session) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }
}

package com.facegate.console.web;

import com.facegate.console.auth.Account;
import com.facegate.console.auth.AccountStore;
import com.facegate.console.auth.SignInLimiter;
import com.facegate.console.auth.Sessions;
import com.facegate.console.auth.Sessions.Session;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in and sign-out. Failures are rate-limited per client address and per account id (HTTP 429). */
public final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);

    private final AccountStore accounts;
    private final Sessions sessions;
    private final SignInLimiter limiter;
    private final Guard guard;
    private final Pages pages;

    public SignIn(AccountStore accounts, Sessions sessions, SignInLimiter limiter, Guard guard, Pages pages) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.limiter = limiter;
        this.guard = guard;
        this.pages = pages;
    }

    public void form(Context ctx) {
        if (Guard.session(ctx).signedIn()) {
            ctx.redirect("/people");
            return;
        }
        pages.render(ctx, "login.jte", "Sign in", "", "error", null);
    }

    public void submit(Context ctx) {
        String id = ctx.formParam("account") == null ? "" : ctx.formParam("account").strip();
        String ipKey = "ip:" + ctx.ip();
        String idKey = "account:" + id;
        Duration wait = limiter.retryAfter(ipKey, idKey);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            LOG.warn("console sign-in refused (rate limit) for account '{}' from {}", safe(id), ctx.ip());
            ctx.status(429).header("Retry-After", Long.toString(seconds));
            pages.render(ctx, "login.jte", "Sign in", "", "error",
                    "too many failed sign-ins: try again in " + seconds + " s");
            return;
        }
        Optional<Account> account = accounts.authenticate(id, ctx.formParam("password"));
        if (account.isEmpty()) {
            limiter.failed(ipKey, idKey);
            LOG.warn("console sign-in failed for account '{}' from {}", safe(id), ctx.ip());
            ctx.status(401);
            pages.render(ctx, "login.jte", "Sign in", "", "error", "wrong account or password");
            return;
        }
        Session s = sessions.signIn(Guard.session(ctx), account.get());
        guard.setCookie(ctx, s);
        LOG.info("console sign-in: {} ({}) from {}", s.account().id(), s.account().role(), ctx.ip());
        ctx.redirect("/people");
    }

    public void signOut(Context ctx) {
        Session s = Guard.session(ctx);
        sessions.end(s);
        guard.clearCookie(ctx);
        if (s.signedIn()) {
            LOG.info("console sign-out: {}", s.account().id());
        }
        ctx.redirect("/login");
    }

    /** The typed account id, only if it could be one: a log line must not carry a mistyped password. */
    private static String safe(String id) {
        return AccountStore.validId(id) ? id : "(not an account id)";
    }
}

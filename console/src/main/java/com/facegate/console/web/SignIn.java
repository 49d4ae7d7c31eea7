package com.facegate.console.web;

import com.facegate.console.auth.Account;
import com.facegate.console.auth.AccountStore;
import com.facegate.console.auth.SignInLimiter;
import com.facegate.console.auth.Sessions;
import com.facegate.console.auth.Sessions.Session;
import com.facegate.console.auth.Totp;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out. An account with a second factor signs in in two steps: password, then its TOTP code.
 * Failures of either are rate-limited per client address and per account id (HTTP 429), and audited.
 */
public final class SignIn {
    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    static final Duration CODE_WAIT = Duration.ofMinutes(5);

    private final AccountStore accounts;
    private final Sessions sessions;
    private final SignInAttempts attempts;
    private final Guard guard;
    private final Pages pages;
    private final AccessAudit audit;
    private final Clock clock;
    /** Session id to the account whose password it proved, waiting for the code. */
    private final Map<String, PendingCode> secondFactor = new ConcurrentHashMap<>();

    private record PendingCode(String accountId, Instant at) {}

    public SignIn(AccountStore accounts, Sessions sessions, SignInLimiter limiter, Guard guard, Pages pages,
            AccessAudit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.accounts = accounts;
        this.sessions = sessions;
        this.attempts = new SignInAttempts(limiter, audit);
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
        long wait = attempts.refused(ctx, id, accounts.find(id).isPresent(), "rate limited: too many failed sign-ins");
        if (wait > 0) {
            LOG.warn("console sign-in refused (rate limit) for account '{}' from {}", safe(id), ctx.ip());
            pages.render(ctx, "login.jte", "Sign in", "", "error",
                    "too many failed sign-ins: try again in " + wait + " s");
            return;
        }
        Optional<Account> account = accounts.authenticate(id, ctx.formParam("password"));
        if (account.isEmpty()) {
            attempts.failed(ctx, id);
            LOG.warn("console sign-in failed for account '{}' from {}", safe(id), ctx.ip());
            audit.refused(id, accounts.find(id).isPresent(), "wrong account or password", ctx.ip());
            ctx.status(401);
            pages.render(ctx, "login.jte", "Sign in", "", "error", "wrong account or password");
            return;
        }
        if (account.get().hasSecondFactor()) {
            // The password was right; the session is not signed in until the code is too.
            secondFactor.put(Guard.session(ctx).id(), new PendingCode(account.get().id(), clock.instant()));
            pages.render(ctx, "login_code.jte", "Sign in", "", "error", null);
            return;
        }
        complete(ctx, account.get());
    }

    /** {@code POST /login/code}: the TOTP code after the password, rate-limited like it; each code works once. */
    public void code(Context ctx) {
        PendingCode pending = secondFactor.get(Guard.session(ctx).id());
        if (pending == null || clock.instant().isAfter(pending.at().plus(CODE_WAIT))) {
            secondFactor.remove(Guard.session(ctx).id());
            ctx.status(401);
            pages.render(ctx, "login.jte", "Sign in", "", "error", "sign in again: the code step expired");
            return;
        }
        long wait = attempts.refused(ctx, pending.accountId(), true, "rate limited: too many failed sign-ins");
        if (wait > 0) {
            pages.render(ctx, "login_code.jte", "Sign in", "", "error",
                    "too many failed sign-ins: try again in " + wait + " s");
            return;
        }
        Account account = accounts.find(pending.accountId()).orElse(null);
        long step = account == null || !account.hasSecondFactor() ? -1
                : Totp.matchingStep(account.totpSecret(), ctx.formParam("code"), clock.instant());
        // Checked and used up at once in the store: a code is good for one sign-in only, also across a restart.
        if (step < 0 || !accounts.useTotpStep(pending.accountId(), step)) {
            attempts.failed(ctx, pending.accountId());
            LOG.warn("console sign-in failed for account '{}' from {}: wrong or reused code", pending.accountId(),
                    ctx.ip());
            audit.refused(pending.accountId(), true, "wrong or reused second-factor code", ctx.ip());
            ctx.status(401);
            pages.render(ctx, "login_code.jte", "Sign in", "", "error", "wrong code");
            return;
        }
        secondFactor.remove(Guard.session(ctx).id());
        complete(ctx, account);
    }

    private void complete(Context ctx, Account account) {
        audit.signedIn(account, ctx.ip()); // before the session exists: no unaudited sign-in
        Session s = sessions.signIn(Guard.session(ctx), account);
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
            audit.signedOut(s.account(), ctx.ip());
        }
        ctx.redirect("/login");
    }

    /** The typed account id, only if it could be one: a log line must not carry a mistyped password. */
    private static String safe(String id) {
        return AccountStore.validId(id) ? id : "(not an account id)";
    }
}

package com.facegate.console.web;

import com.facegate.console.auth.Account;
import com.facegate.console.auth.AccountStore;
import com.facegate.console.auth.QrCode;
import com.facegate.console.auth.SignInLimiter;
import com.facegate.console.auth.Totp;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /account}: the signed-in account turns on its second factor. The secret is shown once, as text and as an
 * {@code otpauth://} URI, held only in memory until the account proves it with a code, then stored in
 * accounts.json (0600) and audited (CONSOLE_SECOND_FACTOR_ENABLED, without the secret); the proving code is used
 * up. Turning it off takes a fresh code too (a stolen session alone cannot remove the factor), is rate-limited with
 * the sign-in's limiter, and is audited (CONSOLE_SECOND_FACTOR_DISABLED) before it takes effect.
 */
public final class SecondFactorPages {
    private final AccountStore accounts;
    private final Pages pages;
    private final AccessAudit audit;
    private final SignInAttempts attempts;
    private final Clock clock;
    /** Session id to the secret shown to it, not yet confirmed. */
    private final Map<String, String> offered = new ConcurrentHashMap<>();

    public SecondFactorPages(AccountStore accounts, Pages pages, AccessAudit audit, SignInLimiter limiter,
            Clock clock) {
        this.accounts = accounts;
        this.pages = pages;
        this.audit = audit;
        this.attempts = new SignInAttempts(limiter, audit);
        this.clock = clock;
    }

    /** {@code GET /account}. */
    public void page(Context ctx) {
        render(ctx, null, null);
    }

    /** {@code POST /account/totp}: a new secret for this session to confirm. */
    public void begin(Context ctx) {
        if (current(ctx).hasSecondFactor()) {
            ctx.status(409);
            render(ctx, null, "the second factor is already on for this account");
            return;
        }
        String secret = Totp.newSecret();
        offered.put(Guard.session(ctx).id(), secret);
        render(ctx, secret, null);
    }

    /** {@code POST /account/totp/confirm}: the code proves the app holds the secret; then it is stored. */
    public void confirm(Context ctx) {
        String secret = offered.get(Guard.session(ctx).id());
        if (secret == null) {
            ctx.status(400);
            render(ctx, null, "start again: no secret is waiting for confirmation");
            return;
        }
        long step = Totp.matchingStep(secret, ctx.formParam("code"), clock.instant());
        if (step < 0) {
            ctx.status(400);
            render(ctx, secret, "wrong code: check the app's clock and enter the current code");
            return;
        }
        Account account = current(ctx);
        audit.secondFactorEnabled(account, ctx.ip()); // audited before it takes effect
        accounts.enableTotp(account.id(), secret, step);
        offered.remove(Guard.session(ctx).id());
        ctx.redirect("/account?notice=second+factor+on%3A+sign-ins+now+ask+for+a+code");
    }

    /** {@code POST /account/totp/disable}: a current, unused code turns the second factor off. */
    public void disable(Context ctx) {
        Account account = current(ctx);
        if (!account.hasSecondFactor()) {
            ctx.status(409);
            render(ctx, null, "the second factor is already off for this account");
            return;
        }
        long wait = attempts.refused(ctx, account.id(), true, "rate limited: too many wrong codes");
        if (wait > 0) {
            render(ctx, null, "too many wrong codes: try again in " + wait + " s");
            return;
        }
        long step = Totp.matchingStep(account.totpSecret(), ctx.formParam("code"), clock.instant());
        if (step < 0 || !accounts.useTotpStep(account.id(), step)) {
            attempts.failed(ctx, account.id());
            audit.refused(account.id(), true, "wrong or reused second-factor code (turning it off)", ctx.ip());
            ctx.status(400);
            render(ctx, null, "wrong code: the second factor stays on");
            return;
        }
        audit.secondFactorDisabled(account, ctx.ip()); // audited before it takes effect
        accounts.disableTotp(account.id());
        ctx.redirect("/account?notice=second+factor+off%3A+sign-ins+ask+for+the+password+only");
    }

    private Account current(Context ctx) {
        String id = Guard.session(ctx).account().id();
        return accounts.find(id).orElseThrow(() -> new IllegalStateException("signed-in account " + id + " gone"));
    }

    private void render(Context ctx, String secret, String error) {
        Account a = current(ctx);
        String uri = secret == null ? null : Totp.otpauthUri("FaceGate", a.id(), secret);
        pages.render(ctx, "account.jte", "Account", "account", "account", a, "secret", secret, "uri", uri,
                "qr", uri == null ? null : QrCode.svg(uri), "error", error);
    }
}

package com.facegate.console.web;

import com.facegate.console.auth.Account;
import com.facegate.console.auth.AccountStore;
import com.facegate.console.auth.Totp;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /account}: the signed-in account turns on its second factor. The secret is shown once, as text and as an
 * {@code otpauth://} URI, held only in memory until the account proves it with a code, then stored in
 * accounts.json (0600) and audited (CONSOLE_SECOND_FACTOR_ENABLED, without the secret).
 */
public final class SecondFactorPages {
    private final AccountStore accounts;
    private final Pages pages;
    private final AccessAudit audit;
    private final Clock clock;
    /** Session id to the secret shown to it, not yet confirmed. */
    private final Map<String, String> offered = new ConcurrentHashMap<>();

    public SecondFactorPages(AccountStore accounts, Pages pages, AccessAudit audit, Clock clock) {
        this.accounts = accounts;
        this.pages = pages;
        this.audit = audit;
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
        if (Totp.matchingStep(secret, ctx.formParam("code"), clock.instant()) < 0) {
            ctx.status(400);
            render(ctx, secret, "wrong code: check the app's clock and enter the current code");
            return;
        }
        Account account = current(ctx);
        audit.secondFactorEnabled(account, ctx.ip()); // audited before it takes effect
        accounts.enableTotp(account.id(), secret);
        offered.remove(Guard.session(ctx).id());
        ctx.redirect("/account?notice=second+factor+on%3A+sign-ins+now+ask+for+a+code");
    }

    private Account current(Context ctx) {
        String id = Guard.session(ctx).account().id();
        return accounts.find(id).orElseThrow(() -> new IllegalStateException("signed-in account " + id + " gone"));
    }

    private void render(Context ctx, String secret, String error) {
        Account a = current(ctx);
        pages.render(ctx, "account.jte", "Account", "account", "account", a, "secret", secret,
                "uri", secret == null ? null : Totp.otpauthUri("FaceGate", a.id(), secret), "error", error);
    }
}

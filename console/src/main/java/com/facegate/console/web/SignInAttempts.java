package com.facegate.console.web;

import com.facegate.console.auth.SignInLimiter;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * Every code an account types (its password, its second-factor code at sign-in or to turn the factor off) counted by
 * the {@link SignInLimiter} under the client address and the account id, and refused over the limit one way: audited,
 * HTTP 429 with Retry-After. The caller renders its own page with the wait.
 */
final class SignInAttempts {
    private final SignInLimiter limiter;
    private final AccessAudit audit;

    SignInAttempts(SignInLimiter limiter, AccessAudit audit) {
        this.limiter = limiter;
        this.audit = audit;
    }

    /**
     * Seconds until this account may try again from this client (at least 1), already audited as refused for
     * {@code why} and answered 429; 0 when it may try now (nothing written, nothing answered).
     */
    long refused(Context ctx, String accountId, boolean known, String why) {
        Duration wait = limiter.retryAfter(keys(ctx, accountId));
        if (wait.isZero()) {
            return 0;
        }
        long seconds = Math.max(1, wait.toSeconds());
        audit.refused(accountId, known, why, ctx.ip());
        ctx.status(429).header("Retry-After", Long.toString(seconds));
        return seconds;
    }

    /** A wrong code: counts against the client address and the account alike. */
    void failed(Context ctx, String accountId) {
        limiter.failed(keys(ctx, accountId));
    }

    private static String[] keys(Context ctx, String accountId) {
        return new String[] {"ip:" + ctx.ip(), "account:" + accountId};
    }
}

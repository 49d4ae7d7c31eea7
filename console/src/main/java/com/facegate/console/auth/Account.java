package com.facegate.console.auth;

import java.time.Instant;

/**
 * One console sign-in: its id (what the audit's {@code requestedBy} carries), role and Argon2id password hash.
 * {@code creationAudited}: its creation is on the audit trail (an account made by {@code --add-account}, with no
 * store to write to, is audited when the console next starts). {@code totpSecret}: the second factor's base32
 * secret when the account has enrolled one (null: password only); it lives only in accounts.json (0600).
 * {@code totpStepUsed}: the newest TOTP time step this account has used, so a code works once, across restarts.
 */
public record Account(String id, Role role, String passwordHash, Instant createdAt, boolean creationAudited,
                      String totpSecret, Long totpStepUsed) {
    Account audited() {
        return new Account(id, role, passwordHash, createdAt, true, totpSecret, totpStepUsed);
    }

    Account withTotp(String secret, Long stepUsed) {
        return new Account(id, role, passwordHash, createdAt, creationAudited, secret, stepUsed);
    }

    public boolean hasSecondFactor() {
        return totpSecret != null;
    }

    /** Never the hash or the secret: records print in logs and test failures. */
    @Override
    public String toString() {
        return "Account[" + id + ", " + role + (hasSecondFactor() ? ", totp" : "") + "]";
    }
}

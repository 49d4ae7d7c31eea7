package com.facegate.console.web;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.console.auth.Account;
import com.facegate.protocol.AuditEvent;
import java.util.Locale;
import java.util.Map;

/**
 * Console sign-ins, refused sign-ins, sign-outs and account creations on the audit trail, written by
 * {@link BadgeAdmin} like every other admin act: the account id and the client's address, never a password. A
 * refused sign-in names the account only when one with that id exists (a mistyped password in the account field
 * must not reach the audit). A failed audit write fails the request: no sign-in without its record.
 */
public final class AccessAudit {
    private final BadgeAdmin admin;

    public AccessAudit(BadgeAdmin admin) {
        this.admin = admin;
    }

    public void signedIn(Account account, String address) {
        admin.auditConsole(AuditEvent.Type.CONSOLE_SIGNED_IN, account.id(), null,
                Map.of("clientAddress", address, "role", role(account)));
    }

    /** {@code known}: an account with the typed id exists; else the id is left out. */
    public void refused(String typedId, boolean known, String why, String address) {
        admin.auditConsole(AuditEvent.Type.CONSOLE_SIGN_IN_REFUSED, known ? typedId : null, why,
                Map.of("clientAddress", address, "accountKnown", Boolean.toString(known)));
    }

    public void signedOut(Account account, String address) {
        admin.auditConsole(AuditEvent.Type.CONSOLE_SIGNED_OUT, account.id(), null, Map.of("clientAddress", address));
    }

    /** Created by the console itself (first admin) or by {@code ./facegate console --add-account}. */
    public void created(Account account) {
        admin.auditConsole(AuditEvent.Type.CONSOLE_ACCOUNT_CREATED, "console", null,
                Map.of("account", account.id(), "role", role(account), "createdAt", account.createdAt().toString()));
    }

    public void secondFactorEnabled(Account account, String address) {
        admin.auditConsole(AuditEvent.Type.CONSOLE_SECOND_FACTOR_ENABLED, account.id(), null,
                Map.of("clientAddress", address, "method", "totp"));
    }

    public void secondFactorDisabled(Account account, String address) {
        admin.auditConsole(AuditEvent.Type.CONSOLE_SECOND_FACTOR_DISABLED, account.id(), null,
                Map.of("clientAddress", address, "method", "totp"));
    }

    private static String role(Account a) {
        return a.role().name().toLowerCase(Locale.ROOT);
    }
}

package com.facegate.console.web;

import com.facegate.console.auth.Role;
import com.facegate.console.auth.Sessions.Session;

/** What every page's frame needs: its title, who is signed in, the CSRF token for its forms, a notice to show. */
public record View(String title, String section, Session session, String notice) {
    public boolean signedIn() {
        return session != null && session.signedIn();
    }

    public String csrf() {
        return session == null ? "" : session.csrf();
    }

    public String who() {
        return signedIn() ? session.account().id() : "";
    }

    public boolean admin() {
        return signedIn() && session.account().role() == Role.ADMIN;
    }

    public String role() {
        return signedIn() ? session.account().role().name().toLowerCase(java.util.Locale.ROOT) : "";
    }
}

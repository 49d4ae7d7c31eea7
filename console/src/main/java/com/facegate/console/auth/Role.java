package com.facegate.console.auth;

import io.javalin.security.RouteRole;

/** What a signed-in person may do: {@code ADMIN} everything; {@code VIEWER} reads doors, events and audit only. */
public enum Role implements RouteRole {
    ADMIN, VIEWER;

    public boolean mayChange() {
        return this == ADMIN;
    }
}

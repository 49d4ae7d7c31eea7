package com.facegate.console.auth;

import java.time.Instant;

/** One console sign-in: its id (what the audit's {@code requestedBy} carries), role and Argon2id password hash. */
public record Account(String id, Role role, String passwordHash, Instant createdAt) {}

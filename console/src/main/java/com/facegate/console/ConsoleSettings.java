package com.facegate.console;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the console is served: address and port (0: any free one), the folder that holds its accounts, the sign-in
 * limit (failures per window, per client address and per account), whether it serves HTTPS, and the local CA's
 * folder that signs its certificate (HTTPS is required on any address but loopback).
 */
public record ConsoleSettings(String host, int port, Path stateDir, int maxSignInFailures, Duration signInWindow,
                              boolean https, Path caDir) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9450;

    public ConsoleSettings(String host, int port, Path stateDir, int maxSignInFailures, Duration signInWindow) {
        this(host, port, stateDir, maxSignInFailures, signInWindow, false, null);
    }

    public static ConsoleSettings defaults(Path stateDir) {
        return new ConsoleSettings(DEFAULT_HOST, DEFAULT_PORT, stateDir, 5, Duration.ofMinutes(15));
    }

    public ConsoleSettings withPort(int p) {
        return new ConsoleSettings(host, p, stateDir, maxSignInFailures, signInWindow, https, caDir);
    }

    public ConsoleSettings withHost(String h) {
        return new ConsoleSettings(h, port, stateDir, maxSignInFailures, signInWindow, https, caDir);
    }

    /** HTTPS with a certificate from the CA in {@code ca} (the local stack's {@code <data>/pki}). */
    public ConsoleSettings withHttps(Path ca) {
        return new ConsoleSettings(host, port, stateDir, maxSignInFailures, signInWindow, true, ca);
    }
}

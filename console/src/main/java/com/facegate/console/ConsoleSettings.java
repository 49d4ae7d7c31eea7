package com.facegate.console;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the console is served: address and port (0: any free one), the folder that holds its accounts, and the
 * sign-in limit (failures per window, per client address and per account).
 */
public record ConsoleSettings(String host, int port, Path stateDir, int maxSignInFailures, Duration signInWindow) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9450;

    public static ConsoleSettings defaults(Path stateDir) {
        return new ConsoleSettings(DEFAULT_HOST, DEFAULT_PORT, stateDir, 5, Duration.ofMinutes(15));
    }

    public ConsoleSettings withPort(int p) {
        return new ConsoleSettings(host, p, stateDir, maxSignInFailures, signInWindow);
    }

    public ConsoleSettings withHost(String h) {
        return new ConsoleSettings(h, port, stateDir, maxSignInFailures, signInWindow);
    }
}

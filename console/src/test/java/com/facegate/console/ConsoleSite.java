package com.facegate.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.console.auth.Role;
import com.facegate.site.LocalSite;
import com.facegate.site.SiteFixture;
import com.facegate.site.TestSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real local site (stack, cloud handlers, one door) with a real console over its BadgeAdmin, on free ports. */
final class ConsoleSite implements AutoCloseable {
    static final String DOOR = "console-door";
    static final String ADMIN = "desk-admin";
    static final String VIEWER = "desk-viewer";
    static final String PASSWORD = "correct horse battery";

    final TestSite site;
    final ConsoleServer console;
    final Path state;
    private final boolean ownsSite;

    private ConsoleSite(TestSite site, ConsoleServer console, Path state, boolean ownsSite) {
        this.site = site;
        this.console = console;
        this.state = state;
        this.ownsSite = ownsSite;
    }

    static ConsoleSite start(int maxSignInFailures) throws Exception {
        return start(maxSignInFailures, b -> b);
    }

    /** With the site's builder adjusted (e.g. a door contact for alarms). */
    static ConsoleSite start(int maxSignInFailures, UnaryOperator<LocalSite.Builder> setup) throws Exception {
        TestSite site = SiteFixture.start(DOOR, setup);
        try {
            Path state = Files.createTempDirectory("facegate-console");
            return new ConsoleSite(site, console(site.admin(), state, maxSignInFailures), state, true);
        } catch (Exception | Error e) {
            site.close();
            throw e;
        }
    }

    /**
     * A second console on the same site over another {@link BadgeAdmin} (e.g. one whose IoT endpoint fails), with
     * the same accounts; closing it leaves the site running.
     */
    ConsoleSite over(BadgeAdmin admin) throws IOException {
        Path other = Files.createTempDirectory("facegate-console");
        return new ConsoleSite(site, console(admin, other, 50), other, false);
    }

    private static ConsoleServer console(BadgeAdmin admin, Path state, int maxSignInFailures) {
        ConsoleSettings settings = new ConsoleSettings("127.0.0.1", 0, state, maxSignInFailures,
                Duration.ofMinutes(15));
        ConsoleServer console = ConsoleServer.start(settings, admin, true, Clock.systemUTC());
        console.accounts().put(ADMIN, Role.ADMIN, PASSWORD);
        console.accounts().put(VIEWER, Role.VIEWER, PASSWORD);
        return console;
    }

    String url(String path) {
        return "http://localhost:" + console.port() + path;
    }

    static Path lfwPhoto(String person, int n) {
        String dir = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        Path p = dir == null || dir.isBlank() ? null
                : Path.of(dir, "lfw", person, String.format("%s_%04d.jpg", person, n));
        assumeTrue(p != null && Files.isRegularFile(p),
                "skipped: no labelled faces (set -Dfacegate.faces or FACEGATE_FACES to the shared faces folder)");
        return p;
    }

    @Override
    public void close() throws IOException {
        try {
            console.close();
        } finally {
            if (ownsSite) {
                site.close();
            }
        }
    }
}

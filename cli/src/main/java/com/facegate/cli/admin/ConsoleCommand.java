package com.facegate.cli.admin;

import com.facegate.console.ConsoleServer;
import com.facegate.console.ConsoleSettings;
import com.facegate.console.auth.AccountStore;
import com.facegate.console.auth.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./facegate console}: the admin web console over the same target as {@code ./facegate admin} (the local
 * stack in --data, or AWS), on http://localhost, or HTTPS with a local-CA certificate ({@code --https}, and always
 * on a non-loopback {@code --host}). {@code --add-account} creates an account and prints its generated password
 * once, without starting the server (its creation is audited when the console next starts).
 */
@Command(name = "console", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The admin web console (people, doors, alarms, live events, audit) on http://localhost:PORT"
                + " or HTTPS.",
                "The first start creates account 'admin' and prints its password once."})
public final class ConsoleCommand extends AdminAction {
    @Option(names = "--port", defaultValue = "9450", description = "port on localhost (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = ConsoleSettings.DEFAULT_HOST, description = "address to listen on "
            + "(default: ${DEFAULT-VALUE}); on any but loopback the console serves HTTPS only")
    String host;

    @Option(names = "--https", description = "serve HTTPS on loopback too, with a certificate from the local CA "
            + "(DATA/pki; with --aws: STATE/pki)")
    boolean https;

    @Option(names = "--state", paramLabel = "DIR",
            description = "where the console keeps its accounts (default: DATA/console, or ./console with --aws)")
    Path state;

    @Option(names = "--add-account", paramLabel = "ID", description = "create an account, print its password, exit")
    String addAccount;

    @Option(names = "--role", defaultValue = "viewer", description = "role for --add-account: admin or viewer "
            + "(default: ${DEFAULT-VALUE})")
    String role;

    @Override
    void prepare() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535");
        }
        if (!"admin".equals(role) && !"viewer".equals(role)) {
            throw new ParameterException(spec.commandLine(), "--role must be admin or viewer");
        }
        if (addAccount != null && !AccountStore.validId(addAccount)) {
            throw new ParameterException(spec.commandLine(), "--add-account: 2-32 of a-z 0-9 . _ -, starting with a"
                    + " letter");
        }
    }

    @Override
    Integer runWithoutTarget() {
        if (addAccount == null) {
            return null;
        }
        AccountStore accounts = AccountStore.open(stateDir(), Clock.systemUTC());
        String password = accounts.create(addAccount, Role.valueOf(role.toUpperCase(Locale.ROOT)));
        out().println("account " + addAccount + " (" + role + ") created; its password, shown only now: " + password);
        out().flush();
        return OK;
    }

    @Override
    int run(AdminSession session) throws InterruptedException {
        ConsoleSettings d = ConsoleSettings.defaults(stateDir());
        // The CA is named always: the console turns HTTPS on by itself for a non-loopback address.
        ConsoleSettings settings = new ConsoleSettings(host, port, d.stateDir(), d.maxSignInFailures(),
                d.signInWindow(), https, caDir());
        CountDownLatch stop = new CountDownLatch(1);
        try (ConsoleServer console = ConsoleServer.start(settings, session.admin(), session.canPublish(),
                Clock.systemUTC())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "facegate-console-shutdown"));
            out().println("FaceGate console on " + console.url() + " for " + session.target());
            if (console.url().getScheme().equals("https")) {
                out().println("  certificate signed by the local CA " + caDir().resolve("ca.crt")
                        + " (import it into the browser once)");
            }
            console.firstPassword().ifPresent(p -> out().println("  first sign-in: account " + AccountStore.FIRST_ADMIN
                    + ", password " + p + "  (shown only now)"));
            out().println("  Ctrl-C stops it");
            out().flush();
            stop.await();
        }
        return OK;
    }

    private Path caDir() {
        return target.aws ? stateDir().resolve("pki") : (target.data == null ? AdminTarget.DEFAULT_DATA : target.data)
                .resolve("pki");
    }

    private Path stateDir() {
        if (state != null) {
            return state;
        }
        return target.aws ? Path.of("console") : (target.data == null ? AdminTarget.DEFAULT_DATA : target.data)
                .resolve("console");
    }
}

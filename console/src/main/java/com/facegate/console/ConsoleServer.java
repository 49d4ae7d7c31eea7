package com.facegate.console;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.RegistryUnavailableException;
import com.facegate.console.auth.AccountStore;
import com.facegate.console.auth.SignInLimiter;
import com.facegate.console.auth.Sessions;
import com.facegate.console.doors.DoorCreate;
import com.facegate.console.doors.DoorEdit;
import com.facegate.console.doors.GroupPages;
import com.facegate.console.pages.AlarmPages;
import com.facegate.console.pages.AuditIndex;
import com.facegate.console.pages.AuditPages;
import com.facegate.console.pages.DoorPages;
import com.facegate.console.pages.DoorStates;
import com.facegate.console.pages.EnrollPage;
import com.facegate.console.pages.EventsPage;
import com.facegate.console.pages.PeoplePages;
import com.facegate.console.pages.PeopleSnapshot;
import com.facegate.console.pages.SnapshotImages;
import com.facegate.console.people.BulkImport;
import com.facegate.console.people.ImportJobs;
import com.facegate.console.people.PersonEdit;
import com.facegate.console.people.PhotoCheck;
import com.facegate.console.web.AccessAudit;
import com.facegate.console.web.Guard;
import com.facegate.console.web.Pages;
import com.facegate.console.web.SecondFactorPages;
import com.facegate.console.web.SignIn;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.RedirectResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The admin web console: one Javalin server over a {@link BadgeAdmin} (the same one {@code ./facegate admin}
 * opens, local stack or AWS). Plain HTTP only on a loopback address (the browser and the console on the same
 * machine, nothing else can reach the port); HTTPS with a local-CA certificate on any other address, or on request.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /** How long a bulk import row waits for its photo's enrollment check (local stack: seconds; AWS: similar). */
    static final Duration IMPORT_CHECK_FOR = Duration.ofMinutes(3);

    private final Javalin app;
    private final AccountStore accounts;
    private final boolean https;
    private final String host;
    private Optional<String> firstPassword = Optional.empty();

    private ConsoleServer(Javalin app, AccountStore accounts, boolean https, String host) {
        this.app = app;
        this.host = host;
        this.accounts = accounts;
        this.https = https;
    }

    /**
     * Starts the console. {@code canPublish}: whether remote unlock can reach the doors (AWS needs the IoT data
     * endpoint). When no account exists yet, creates {@code admin} with a one-time password ({@link #firstPassword}).
     */
    public static ConsoleServer start(ConsoleSettings settings, BadgeAdmin admin, boolean canPublish, Clock clock) {
        boolean https = settings.https() || !isLoopback(settings.host());
        if (https && settings.caDir() == null) {
            throw new IllegalArgumentException("the console serves plain HTTP on loopback only; " + settings.host()
                    + " is not a loopback address: serve HTTPS (--https, with the local CA)");
        }
        SSLContext tls = https ? ConsoleTls.serverContext(settings.caDir(), settings.stateDir(), settings.host())
                : null;
        AccountStore accounts = AccountStore.open(settings.stateDir(), clock);
        AccessAudit access = new AccessAudit(admin);
        accounts.auditCreations(access::created); // before the first admin, so that its creation is audited too
        Optional<String> first = accounts.ensureFirstAdmin();
        Sessions sessions = new Sessions(clock);
        // Secure cookies: browsers accept them from http://localhost and 127.0.0.1 (potentially trustworthy origins).
        Guard guard = new Guard(sessions, true, null);
        Pages pages = new Pages();
        // One limiter for every code an account types: guesses at sign-in and at turning TOTP off count together.
        SignInLimiter limiter = new SignInLimiter(settings.maxSignInFailures(), settings.signInWindow(), clock);
        SignIn signIn = new SignIn(accounts, sessions, limiter, guard, pages, access, clock);
        SecondFactorPages secondFactor = new SecondFactorPages(accounts, pages, access, limiter, clock);
        PeopleSnapshot snapshot = PeopleSnapshot.start(admin, clock);
        PeoplePages people = new PeoplePages(admin, snapshot, pages, clock);
        EnrollPage enroll = new EnrollPage(admin, pages, clock);
        DoorStates states = new DoorStates(admin, clock);
        DoorPages doors = new DoorPages(admin, states, pages, canPublish);
        DoorEdit doorEdit = new DoorEdit(admin, pages);
        DoorCreate doorCreate = new DoorCreate(admin, pages);
        GroupPages groups = new GroupPages(admin, pages);
        AuditIndex auditIndex = AuditIndex.start(admin.auditReader(), clock);
        AuditPages audit = new AuditPages(auditIndex, pages, clock);
        EventsPage events = new EventsPage(admin, pages, clock);
        AlarmPages alarms = new AlarmPages(admin, auditIndex, pages, clock);
        ImportJobs imports = new ImportJobs(admin, IMPORT_CHECK_FOR);
        BulkImport bulkImport = new BulkImport(imports, pages, clock);
        PersonEdit personEdit = new PersonEdit(admin, pages, clock);
        PhotoCheck photoCheck = new PhotoCheck(admin);
        SnapshotImages snapshots = new SnapshotImages(admin);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            if (tls != null) {
                config.jetty.addConnector((server, http) -> ConsoleTls.connector(server, http, tls, settings.host(),
                        settings.port()));
            }
            config.http.maxRequestSize = 16L * 1024 * 1024;
            var r = config.routes;
            r.before(guard::before);
            // Any change through this console may be audited: the audit pages then list today again first.
            r.after(ctx -> {
                if (HandlerType.POST.equals(ctx.method())) {
                    auditIndex.changed();
                }
            });
            r.get("/", ctx -> ctx.redirect("/people"));
            r.get("/static/console.css", ctx -> asset(ctx, "console.css", "text/css"));
            r.get("/static/console.js", ctx -> asset(ctx, "console.js", "text/javascript"));
            r.get("/login", signIn::form);
            r.post("/login", signIn::submit);
            r.post("/logout", signIn::signOut);
            r.get("/people", people::list);
            // People side (#13): bulk import, webcam photo check, edit, GDPR export, face images for reviewers;
            // before /people/{badge} so that "import" is not taken for a badge id.
            config.events.serverStopping(imports::close);
            config.events.serverStopping(snapshot::close);
            config.events.serverStopping(auditIndex::close);
            r.get("/people/import", bulkImport::form);
            r.post("/people/import", bulkImport::submit);
            r.get("/people/import/{id}", bulkImport::page);
            r.get("/people/import/{id}/status", bulkImport::status);
            r.get("/people/import/{id}/report.csv", bulkImport::report);
            r.post("/people/photo-check", photoCheck::check);
            r.get("/people/{badge}/faces/{face}", snapshots::enrolled);
            r.get("/events/snapshot/{door}/{capture}", snapshots::capture);
            r.get("/people/{badge}/edit", personEdit::form);
            r.post("/people/{badge}/edit", personEdit::submit);
            r.post("/people/{badge}/export", personEdit::export);
            // End of the people side's block.
            r.get("/people/new", enroll::form);
            r.post("/people", enroll::submit);
            r.get("/people/{badge}", people::person);
            r.post("/people/{badge}/revoke", people::revoke);
            r.get("/people/{badge}/erase", ctx -> {
                Guard.requireAdmin(ctx);
                people.eraseForm(ctx);
            });
            r.post("/people/{badge}/erase", people::erase);
            r.get("/doors", doors::list);
            r.post("/doors/{door}/unlock", doors::unlock);
            r.get("/doors/{door}/edit", doorEdit::form);
            r.post("/doors/{door}/edit", doorEdit::submit);
            r.get("/doors/new", doorCreate::form);
            r.post("/doors", doorCreate::submit);
            r.get("/doors/{door}/created", doorCreate::created);
            r.get("/groups", groups::list);
            r.post("/groups", groups::create);
            r.get("/groups/{group}/edit", groups::form);
            r.post("/groups/{group}/edit", groups::submit);
            r.get("/events", events::page);
            r.get("/events/feed", events::feed);
            r.get("/audit", audit::search);
            r.get("/audit.csv", audit::csv);
            // --- doors and security (issue 13): door commands beyond unlock, alarms ---
            r.post("/doors/{door}/lockdown", doors::lockdown);
            r.post("/doors/{door}/lift", doors::lift);
            r.get("/alarms", alarms::list);
            r.post("/alarms/{alarm}/ack", alarms::acknowledge);
            r.post("/login/code", signIn::code);
            r.get("/account", secondFactor::page);
            r.post("/account/totp", secondFactor::begin);
            r.post("/account/totp/confirm", secondFactor::confirm);
            r.post("/account/totp/disable", secondFactor::disable);
            // --- end doors and security ---
            r.exception(RedirectResponse.class, (e, ctx) -> ctx.redirect("/login"));
            r.exception(HttpResponseException.class, (e, ctx) -> error(pages, ctx, e.getStatus(), e.getMessage()));
            r.exception(IllegalArgumentException.class, (e, ctx) -> error(pages, ctx, 400, e.getMessage()));
            r.exception(RegistryUnavailableException.class, (e, ctx) -> unavailable(pages, ctx, e));
            r.exception(SdkException.class, (e, ctx) -> unavailable(pages, ctx, e));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("console request {} {} failed", ctx.method(), ctx.path(), e);
                error(pages, ctx, 500, "internal error (logged)");
            });
        });
        app.start();
        ConsoleServer server = new ConsoleServer(app, accounts, https, settings.host());
        server.firstPassword = first;
        LOG.info("console on {}", server.url());
        return server;
    }

    /** The password of the first admin account when this start created it; to be printed once, never logged. */
    public Optional<String> firstPassword() {
        return firstPassword;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public int port() {
        return app.port();
    }

    /** {@code http://localhost:PORT/} (what browsers treat as a secure origin), or {@code https://HOST:PORT/}. */
    public URI url() {
        if (!https) {
            return URI.create("http://localhost:" + port() + "/");
        }
        return URI.create("https://" + (isLoopback(host) ? "localhost" : host) + ":" + port() + "/");
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Plain HTTP is safe only when nothing but this machine can connect: anywhere else it is HTTPS. */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown console host " + host, e);
        }
    }

    private static void asset(Context ctx, String name, String type) {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/static/" + name)) {
            if (in == null) {
                ctx.status(404);
                return;
            }
            ctx.header("Cache-Control", "max-age=300").contentType(type + "; charset=utf-8").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(Pages pages, Context ctx, int status, String message) {
        ctx.status(status);
        pages.render(ctx, "error.jte", "Error " + status, "", "status", status, "message",
                message == null || message.isBlank() ? "request refused" : message);
    }

    private static void unavailable(Pages pages, Context ctx, Exception e) {
        LOG.warn("console {} {}: store unreachable: {}", ctx.method(), ctx.path(), e.getMessage());
        error(pages, ctx, 503, "the FaceGate store is unreachable right now: " + e.getMessage());
    }
}

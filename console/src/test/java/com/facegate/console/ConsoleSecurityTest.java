package com.facegate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.console.auth.AccountStore;
import com.facegate.console.auth.Passwords;
import com.facegate.console.auth.Role;
import com.facegate.console.auth.Totp;
import com.facegate.protocol.AuditEvent;
import com.facegate.local.aws.pki.TlsContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's security rules over real HTTP against a real local site: sign-in required, CSRF on every change,
 * viewers change nothing, sign-in rate-limited, security headers, accounts stored owner-only and hashed.
 */
class ConsoleSecurityTest {
    private static ConsoleSite site;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startSite() throws Exception {
        site = ConsoleSite.start(50);
    }

    @AfterAll
    static void stopSite() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    private ConsoleHttp client() {
        return new ConsoleHttp(site);
    }

    @Test
    void pagesNeedASignInAndCarryTheSecurityHeaders() throws Exception {
        ConsoleHttp c = client();
        HttpResponse<String> r = c.get("/audit");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/login");
        HttpResponse<String> login = c.get("/login");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.body()).doesNotContain("<script>").doesNotContain("style=");
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void aSignInRotatesTheSessionAndAPostWithoutTheTokenIsRefused() throws Exception {
        ConsoleHttp c = client();
        c.get("/login");
        String before = c.cookie();
        assertThat(c.post("/login", "account=" + ConsoleSite.ADMIN + "&password=x", false).statusCode())
                .isEqualTo(403);
        assertThat(c.signIn(ConsoleSite.ADMIN, ConsoleSite.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(c.cookie()).isNotEqualTo(before);
        c.get("/doors");

        HttpResponse<String> noToken = c.post("/doors/" + ConsoleSite.DOOR + "/unlock", "reason=no+token", false);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF token missing or wrong");
        HttpResponse<String> wrongToken = c.post("/doors/" + ConsoleSite.DOOR + "/unlock",
                "reason=wrong+token&_csrf=AAAA", false);
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> noReason = c.post("/doors/" + ConsoleSite.DOOR + "/unlock", "reason=+", true);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("a reason (at most 200 characters) is required");
        assertThat(site.site.admin().queryAudit(ConsoleSite.DOOR, null, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(5))).noneMatch(r -> r.event().reason() != null
                && r.event().reason().contains("token"));
    }

    @Test
    void aViewerGets403OnTheUnlockUrlAndOnEveryChange() throws Exception {
        ConsoleHttp c = client();
        assertThat(c.signIn(ConsoleSite.VIEWER, ConsoleSite.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(c.get("/doors").statusCode()).isEqualTo(200);
        assertThat(c.get("/audit").statusCode()).isEqualTo(200);
        HttpResponse<String> unlock = c.post("/doors/" + ConsoleSite.DOOR + "/unlock", "reason=viewer", true);
        assertThat(unlock.statusCode()).isEqualTo(403);
        assertThat(unlock.body()).contains("role VIEWER may not change anything");
        assertThat(c.post("/people/B-NONE/revoke", "", true).statusCode()).isEqualTo(403);
        assertThat(c.get("/people/new").statusCode()).isEqualTo(403);
        assertThat(site.site.admin().queryAudit(ConsoleSite.DOOR, null, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(5))).noneMatch(r -> ConsoleSite.VIEWER.equals(r.event().requestedBy()));
    }

    @Test
    void signInIsRateLimitedPerAddressEvenForTheRightPassword() throws Exception {
        // Its own console (same site): the limit is per client address, and every test here comes from loopback.
        var settings = new ConsoleSettings("127.0.0.1", 0, Files.createTempDirectory("console-limit"), 3,
                Duration.ofMinutes(15));
        try (ConsoleServer limited = ConsoleServer.start(settings, site.site.admin(), true, Clock.systemUTC())) {
            limited.accounts().put(ConsoleSite.ADMIN, com.facegate.console.auth.Role.ADMIN, ConsoleSite.PASSWORD);
            ConsoleHttp c = new ConsoleHttp("http://localhost:" + limited.port());
            for (int i = 0; i < 3; i++) {
                assertThat(c.signIn(ConsoleSite.ADMIN, "guess-" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> blocked = c.signIn(ConsoleSite.ADMIN, ConsoleSite.PASSWORD);
            assertThat(blocked.statusCode()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
            assertThat(blocked.body()).contains("too many failed sign-ins");
        }
    }

    @Test
    void aCodeWorksOnceAndTurningTheSecondFactorOffTakesAFreshCodeAndIsAudited() throws Exception {
        String id = "desk-two-step";
        site.console.accounts().put(id, Role.VIEWER, ConsoleSite.PASSWORD);
        ConsoleHttp c = client();
        assertThat(c.signIn(id, ConsoleSite.PASSWORD).statusCode()).isEqualTo(302);
        c.get("/account");
        String offer = c.post("/account/totp", "", true).body();
        Matcher shown = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(offer);
        assertThat(shown.find()).isTrue();
        assertThat(offer).contains("<div id=\"totp-qr\"><svg");
        String secret = shown.group(1);
        // The app's previous code proves the secret and is used up by it.
        String proof = Totp.codeAt(secret, Instant.now().minusSeconds(30));
        assertThat(c.post("/account/totp/confirm", "code=" + proof, true).statusCode()).isEqualTo(302);
        assertThat(site.console.accounts().find(id).orElseThrow().hasSecondFactor()).isTrue();

        ConsoleHttp other = client();
        other.signIn(id, ConsoleSite.PASSWORD);
        assertThat(other.post("/login/code", "code=" + proof, true).statusCode()).as("the proof again").isEqualTo(401);
        String now = Totp.codeAt(secret, Instant.now());
        assertThat(other.post("/login/code", "code=" + now, true).statusCode()).isEqualTo(302);
        ConsoleHttp replay = client();
        replay.signIn(id, ConsoleSite.PASSWORD);
        assertThat(replay.post("/login/code", "code=" + now, true).statusCode()).as("a replayed code").isEqualTo(401);

        // Turning it off: a used code and no code leave it on; a fresh (next-step) code turns it off.
        c.get("/account");
        assertThat(c.post("/account/totp/disable", "code=" + now, true).statusCode()).isEqualTo(400);
        assertThat(c.post("/account/totp/disable", "code=", true).statusCode()).isEqualTo(400);
        assertThat(c.post("/account/totp/disable", "code=" + Totp.codeAt(secret, Instant.now().plusSeconds(30)),
                false).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(site.console.accounts().find(id).orElseThrow().hasSecondFactor()).isTrue();
        HttpResponse<String> off = c.post("/account/totp/disable",
                "code=" + Totp.codeAt(secret, Instant.now().plusSeconds(30)), true);
        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(site.console.accounts().find(id).orElseThrow().hasSecondFactor()).isFalse();
        assertThat(Files.readString(site.state.resolve(AccountStore.FILE))).doesNotContain(secret);
        assertThat(client().signIn(id, ConsoleSite.PASSWORD).statusCode()).as("password only again").isEqualTo(302);

        var trail = site.site.admin().queryAudit(null, null, Instant.now().minusSeconds(600),
                Instant.now().plusSeconds(5)).stream().map(r -> r.event())
                .filter(e -> id.equals(e.requestedBy())).toList();
        assertThat(trail).extracting(AuditEvent::type).contains(AuditEvent.Type.CONSOLE_SECOND_FACTOR_ENABLED,
                AuditEvent.Type.CONSOLE_SECOND_FACTOR_DISABLED);
        assertThat(trail).filteredOn(e -> e.type() == AuditEvent.Type.CONSOLE_SIGN_IN_REFUSED)
                .extracting(AuditEvent::reason).contains("wrong or reused second-factor code (turning it off)")
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(trail.toString()).doesNotContain(secret);
    }

    @Test
    void theFirstAdminGetsAOneTimePasswordAndAccountsAreStoredOwnerOnlyAndHashed() throws Exception {
        var dir = Files.createTempDirectory("console-first");
        var settings = new ConsoleSettings("127.0.0.1", 0, dir, 5, Duration.ofMinutes(15));
        String password;
        try (ConsoleServer first = ConsoleServer.start(settings, site.site.admin(), true, Clock.systemUTC())) {
            password = first.firstPassword().orElseThrow();
            ConsoleHttp c = new ConsoleHttp("http://localhost:" + first.port());
            assertThat(c.signIn(AccountStore.FIRST_ADMIN, password).statusCode()).isEqualTo(302);
            assertThat(c.get("/people").body()).contains(AccountStore.FIRST_ADMIN + " (admin)");
        }
        var file = dir.resolve(AccountStore.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain(password).contains("$argon2id$v=19$");
        try (ConsoleServer again = ConsoleServer.start(settings, site.site.admin(), true, Clock.systemUTC())) {
            assertThat(again.firstPassword()).isEmpty(); // printed once: the next start has nothing to show
        }
        assertThat(Passwords.verify(password, "$argon2id$v=19$m=garbage")).isFalse();
    }

    @Test
    void theConsoleRefusesToServePlainHttpBeyondLoopback() throws Exception {
        ConsoleSettings settings = new ConsoleSettings("192.0.2.10", 0, Files.createTempDirectory("facegate-console"),
                5, Duration.ofMinutes(15));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleServer.start(settings, site.site.admin(),
                true, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback only");
    }

    @Test
    void withHttpsTheConsoleServesTlsOnlyWithACertificateFromTheLocalCa() throws Exception {
        ConsoleSettings settings = new ConsoleSettings("127.0.0.1", 0, Files.createTempDirectory("facegate-console"),
                5, Duration.ofMinutes(15)).withHttps(site.site.stack().dataDir().resolve("pki"));
        try (ConsoleServer tls = ConsoleServer.start(settings, site.site.admin(), true, Clock.systemUTC())) {
            assertThat(tls.url().toString()).isEqualTo("https://localhost:" + tls.port() + "/");
            HttpClient trusting = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(TlsContexts.clientContext(site.site.stack().caCertificate(), null, null)).build();
            HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(tls.url().resolve("/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Sign in");
            assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            assertThat(page.headers().firstValue("Set-Cookie")).get().asString().contains("Secure");
            // The default trust store does not know the local CA: the handshake fails, nothing is served.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(tls.url().resolve("/login")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            // No plain HTTP beside it: the port speaks TLS only.
            URI plain = URI.create("http://localhost:" + tls.port() + "/login");
            String outcome;
            try {
                outcome = Integer.toString(http.send(HttpRequest.newBuilder(plain).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (java.io.IOException e) {
                outcome = "refused";
            }
            assertThat(outcome).isNotEqualTo("200");
        }
    }
}

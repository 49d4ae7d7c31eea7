package com.facegate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.console.auth.Totp;
import com.facegate.protocol.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's accounts side in a real headless Chromium against a real local site: sign-ins, refused sign-ins
 * and sign-outs are audited without the password; an account turns on TOTP and then signs in with its password and
 * a code used once. (Moved from {@link ConsoleDoorsBrowserTest}, on the same fixtures.)
 */
class ConsoleAccountsBrowserTest {
    private static ConsoleSite site;
    private ChromeDriver browser;

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession();

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

    @BeforeEach
    void openBrowser() {
        browser = chromium.driver();
    }

    @Test
    void signInsRefusedSignInsAndSignOutsAreAuditedWithoutThePassword() {
        Instant before = Instant.now().minusSeconds(1);
        browser.get(site.url("/login"));
        browser.findElement(By.id("account")).sendKeys(ConsoleSite.VIEWER);
        browser.findElement(By.id("password")).sendKeys("wrong horse battery");
        Browser.submit(browser, By.id("signin"));
        browser.findElement(By.id("account")).sendKeys("hunter2-typed-in-the-wrong-field");
        browser.findElement(By.id("password")).sendKeys("x");
        Browser.submit(browser, By.id("signin"));
        signIn(ConsoleSite.VIEWER);
        Browser.submit(browser, By.cssSelector("form.signout button"));

        List<AuditEvent> events = site.site.admin().queryAudit(null, null, before, Instant.now().plusSeconds(5))
                .stream().map(AuditRecord::event).filter(e -> e.type().name().startsWith("CONSOLE_"))
                // The fixture's own account creation can fall in the window when this test runs first.
                .filter(e -> e.type() != AuditEvent.Type.CONSOLE_ACCOUNT_CREATED).toList();
        assertThat(events).extracting(e -> e.type() + " " + e.requestedBy()).containsSubsequence(
                "CONSOLE_SIGN_IN_REFUSED " + ConsoleSite.VIEWER, "CONSOLE_SIGN_IN_REFUSED null",
                "CONSOLE_SIGNED_IN " + ConsoleSite.VIEWER, "CONSOLE_SIGNED_OUT " + ConsoleSite.VIEWER);
        assertThat(events).allSatisfy(e -> assertThat(e.details()).containsKey("clientAddress"));
        assertThat(events.toString()).doesNotContain("wrong horse battery").doesNotContain("hunter2");
        // The accounts the fixture created are on the trail too.
        assertThat(site.site.admin().queryAudit(null, null, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(5))).map(AuditRecord::event)
                .filteredOn(e -> e.type() == AuditEvent.Type.CONSOLE_ACCOUNT_CREATED)
                .extracting(e -> e.details().get("account")).contains(ConsoleSite.ADMIN, ConsoleSite.VIEWER);
    }

    @Test
    void anAccountTurnsOnTotpAndThenSignsInWithPasswordAndACodeUsedOnce() throws Exception {
        site.console.accounts().put("desk-totp", com.facegate.console.auth.Role.VIEWER, ConsoleSite.PASSWORD);
        signIn("desk-totp");
        browser.findElement(By.id("who")).click();
        assertThat(browser.findElement(By.id("totp-state")).getText()).isEqualTo("off");
        Browser.submit(browser, By.id("totp-begin"));
        String secret = browser.findElement(By.id("secret")).getText();
        assertThat(browser.findElement(By.id("otpauth")).getText())
                .startsWith("otpauth://totp/FaceGate:desk-totp?secret=" + secret);
        browser.findElement(By.id("code")).sendKeys(Totp.codeAt(secret, Instant.now().minusSeconds(300)));
        Browser.submit(browser, By.id("confirm"));
        assertThat(browser.findElement(By.id("error")).getText()).startsWith("wrong code");
        // The app's previous code (within the drift allowed): the proof uses up its step, so the sign-in below,
        // with the current code, is a newer step.
        browser.findElement(By.id("code")).sendKeys(Totp.codeAt(secret, Instant.now().minusSeconds(30)));
        Browser.submit(browser, By.id("confirm"));
        assertThat(browser.findElement(By.id("totp-state")).getText()).isEqualTo("on (TOTP)");
        assertThat(browser.getPageSource()).doesNotContain(secret); // shown once only
        // Stored only in accounts.json, owner-only.
        Path file = site.state.resolve(com.facegate.console.auth.AccountStore.FILE);
        assertThat(Files.readString(file)).contains(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Browser.submit(browser, By.cssSelector("form.signout button"));

        enterPassword("desk-totp");
        assertThat(browser.findElements(By.id("who"))).isEmpty(); // not signed in yet: the code comes first
        browser.findElement(By.id("code")).sendKeys("000000".equals(Totp.codeAt(secret, Instant.now()))
                ? "111111" : "000000");
        Browser.submit(browser, By.id("verify"));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("wrong code");
        String code = Totp.codeAt(secret, Instant.now());
        browser.findElement(By.id("code")).sendKeys(code);
        Browser.submit(browser, By.id("verify"));
        assertThat(browser.findElement(By.id("who")).getText()).startsWith("desk-totp");
        Browser.submit(browser, By.cssSelector("form.signout button"));

        // The same code again (a replay within its 30 s) is refused even with the right password.
        enterPassword("desk-totp");
        browser.findElement(By.id("code")).sendKeys(code);
        Browser.submit(browser, By.id("verify"));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("wrong code");
        assertThat(site.site.admin().queryAudit(null, null, Instant.now().minusSeconds(600),
                Instant.now().plusSeconds(5))).map(AuditRecord::event)
                .filteredOn(e -> "desk-totp".equals(e.requestedBy())).extracting(e -> e.type().name())
                .contains("CONSOLE_SECOND_FACTOR_ENABLED", "CONSOLE_SIGN_IN_REFUSED", "CONSOLE_SIGNED_IN");
        assertThat(site.site.admin().queryAudit(null, null, Instant.now().minusSeconds(600),
                Instant.now().plusSeconds(5)).toString()).doesNotContain(secret);
    }

    private void enterPassword(String account) {
        browser.get(site.url("/login"));
        browser.findElement(By.id("account")).sendKeys(account);
        browser.findElement(By.id("password")).sendKeys(ConsoleSite.PASSWORD);
        Browser.submit(browser, By.id("signin"));
    }

    private void signIn(String account) {
        Browser.signIn(browser, site, account);
    }
}

package com.facegate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium against a real local site: sign in, enroll by upload and see ENROLLED,
 * walk up and see the GRANT in the live feed, remote-unlock and find it in the audit with the admin's id; a viewer
 * has no unlock and gets 403 from the unlock URL; a POST without the CSRF token is refused. Each page is
 * screenshotted under target/console-screenshots (docs/console.md shows some); a failing test saves one too.
 */
class ConsoleBrowserTest {
    private static final String PERSON = "Colin_Powell";
    private static ConsoleSite site;
    private ChromeDriver browser;

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession();

    @BeforeAll
    static void startSite() throws Exception {
        ConsoleSite.lfwPhoto(PERSON, 1); // skips the class early without faces
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
    void adminEnrollsByUploadSeesEnrolledAndTheGrantInTheLiveFeed() throws Exception {
        signIn(ConsoleSite.ADMIN);
        assertThat(browser.getCurrentUrl()).endsWith("/people");
        assertThat(browser.findElement(By.id("who")).getText()).contains(ConsoleSite.ADMIN + " (admin)");

        browser.findElement(By.id("enroll-link")).click();
        Browser.screenshot(browser, "page-enroll");
        browser.findElement(By.id("badge")).sendKeys("B-WEB-1");
        browser.findElement(By.id("name")).sendKeys("Colin Powell");
        browser.findElement(By.id("groups")).sendKeys("staff");
        browser.executeScript("document.getElementById('validUntil').value = '2099-12-31'");
        browser.findElement(By.id("photo")).sendKeys(ConsoleSite.lfwPhoto(PERSON, 1).toRealPath().toString());
        browser.findElement(By.id("consent")).click();
        browser.findElement(By.id("submit")).click();

        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/people/B-WEB-1"));
        assertThat(browser.getCurrentUrl()).endsWith("/people/B-WEB-1?notice=photo+uploaded+for+badge+B-WEB-1"
                + "%3A+the+check+takes+a+few+seconds");
        // The page reloads itself while the check runs; the enrollment handler decides within seconds.
        new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> s = d.findElements(By.className("photo-status"));
            return !s.isEmpty() && !s.get(0).getText().equals("PENDING");
        });
        assertThat(browser.findElement(By.className("photo-status")).getText()).isEqualTo("ENROLLED");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("ACTIVE");
        assertThat(browser.findElement(By.tagName("dl")).getText()).contains("Enrolled by\n" + ConsoleSite.ADMIN)
                .contains("Consent notice\nv1");
        browser.get(site.url("/people?q=colin"));
        Browser.screenshot(browser, "page-people");
        assertThat(browser.findElement(By.cssSelector("tr[data-badge='B-WEB-1'] .enrollment")).getText())
                .isEqualTo("1 ENROLLED");

        browser.get(site.url("/events"));
        site.site.show(ConsoleSite.lfwPhoto(PERSON, 2));
        // The feed polls every 2 s; the visit itself takes about a second on this site.
        // The feed's rows are replaced every 2 s: read the table body's text at once, not row elements.
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("feed")).getText().lines()
                        .anyMatch(l -> l.contains("DECISION") && l.contains("B-WEB-1") && l.contains("GRANT")));
        Browser.screenshot(browser, "page-events");
        String row = browser.findElement(By.id("feed")).getText().lines()
                .filter(l -> l.contains("DECISION") && l.contains("B-WEB-1")).findFirst().orElseThrow();
        assertThat(row).contains("GRANT").contains("recognised");
    }

    @Test
    void adminUnlocksADoorWithAReasonAndTheAuditShowsTheAdminsId() throws Exception {
        signIn(ConsoleSite.ADMIN);
        site.site.clear();
        browser.get(site.url("/doors"));
        Browser.screenshot(browser, "page-doors");
        WebElement door = browser.findElement(By.cssSelector("tr[data-door='" + ConsoleSite.DOOR + "']"));
        assertThat(door.findElement(By.className("presence")).getText()).startsWith("online");
        door.findElement(By.className("reason")).sendKeys("courier at the front desk");
        Browser.submit(browser, door.findElement(By.className("unlock")));
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("remote unlock ")
                .endsWith(" sent to door " + ConsoleSite.DOOR);

        // The door acted on it: its relay pulsed, and it reported the unlock on its audit topic.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!site.site.relay().contains(DigitalState.HIGH) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(site.site.relay()).contains(DigitalState.HIGH);

        browser.get(site.url("/audit?type=REMOTE_UNLOCK&door=" + ConsoleSite.DOOR));
        Browser.screenshot(browser, "page-audit");
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).findElement(By.className("type")).getText()).isEqualTo("REMOTE_UNLOCK");
        assertThat(rows.get(0).findElement(By.className("by")).getText()).isEqualTo(ConsoleSite.ADMIN);
        assertThat(rows.get(0).getText()).contains("courier at the front desk");
    }

    @Test
    void viewerSeesDoorsWithoutUnlockAndTheUnlockUrlAnswers403() {
        signIn(ConsoleSite.VIEWER);
        browser.get(site.url("/doors"));
        assertThat(browser.findElements(By.className("unlock"))).isEmpty();
        assertThat(browser.findElement(By.id("doors")).getText()).contains(ConsoleSite.DOOR);

        // With the viewer's own valid CSRF token: refused for the role, and nothing is audited or sent.
        Object status = post("/doors/" + ConsoleSite.DOOR + "/unlock", "reason=let+me+in", true);
        assertThat(status).isEqualTo(403L);
        assertThat(site.site.admin().queryAudit(ConsoleSite.DOOR, null, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(5))).noneMatch(r -> ConsoleSite.VIEWER.equals(r.event().requestedBy()));
        browser.get(site.url("/people/new"));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("this page is for admins");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        signIn(ConsoleSite.ADMIN);
        browser.get(site.url("/doors"));
        Object status = post("/doors/" + ConsoleSite.DOOR + "/unlock", "reason=no+token", false);
        assertThat(status).isEqualTo(403L);
        browser.get(site.url("/audit?type=REMOTE_UNLOCK"));
        assertThat(browser.findElement(By.id("audit")).getText()).doesNotContain("no token");
    }

    @Test
    void signInPageAndAWrongPassword() {
        browser.get(site.url("/people"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        Browser.screenshot(browser, "page-login");
        browser.findElement(By.id("account")).sendKeys(ConsoleSite.ADMIN);
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("signin")).click();
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("wrong account or password");
        assertThat(browser.manage().getCookieNamed("fg_console").isHttpOnly()).isTrue();
        assertThat(browser.manage().getCookieNamed("fg_console").isSecure()).isTrue();
        assertThat(browser.manage().getCookieNamed("fg_console").getSameSite()).isEqualTo("Strict");
    }

    private void signIn(String account) {
        Browser.signIn(browser, site, account);
    }

    /** A form POST from the page, with or without the page's CSRF token; returns the HTTP status. */
    private Object post(String path, String body, boolean withToken) {
        String script = "var done = arguments[arguments.length - 1];"
                + "var token = document.querySelector('input[name=_csrf]').value;"
                + "var body = arguments[1] + (arguments[2] ? '&_csrf=' + encodeURIComponent(token) : '');"
                + "fetch(arguments[0], {method: 'POST', body: body, redirect: 'manual',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}})"
                + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });";
        return browser.executeAsyncScript(script, path, body, withToken);
    }
}

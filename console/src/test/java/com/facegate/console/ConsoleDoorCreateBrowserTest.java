package com.facegate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.protocol.AuditEvent;
import com.facegate.site.LocalSite;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Creating a door in a real headless Chromium against a real local site: the registry document is written through
 * the command line's own path ({@code BadgeAdmin.putDoor}, audited DOOR_UPDATED with created=true and the admin's
 * id), the next step (the door's identity: provision-door, or an IoT thing in AWS) is shown; bad fields are
 * refused in words beside each field and write nothing; a viewer and a POST without the CSRF token are refused.
 */
class ConsoleDoorCreateBrowserTest {
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

    private static List<AuditEvent> doorUpdates(String doorId, Instant since) {
        return site.site.admin().queryAudit(doorId, null, since, Instant.now().plusSeconds(5)).stream()
                .map(AuditRecord::event).filter(e -> e.type() == AuditEvent.Type.DOOR_UPDATED).toList();
    }

    private void type(String field, String text) {
        WebElement input = browser.findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void anAdminCreatesADoorAndIsShownTheProvisionStep() {
        Instant before = Instant.now().minusSeconds(1);
        Browser.signIn(browser, site, ConsoleSite.ADMIN);
        browser.get(site.url("/doors"));
        Browser.submit(browser, By.id("new-door"));
        type("doorId", "annex door");
        type("name", "Annex entrance");
        type("timeZone", "Europe/Madrid");
        browser.findElement(By.cssSelector("input[name=group][value='" + LocalSite.DEFAULT_GROUP + "']")).click();
        type("schedule-MON", "07:00-19:00");
        Browser.screenshot(browser, "page-door-new");
        Browser.submit(browser, By.id("save"));

        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("door annex door created");
        assertThat(browser.findElement(By.id("provision")).getText())
                .isEqualTo("./facegate provision-door 'annex door'");
        assertThat(browser.findElement(By.id("thing")).getText())
                .isEqualTo("aws iot create-thing --thing-name 'annex door'");
        assertThat(browser.findElement(By.cssSelector("#created .groups")).getText())
                .isEqualTo(LocalSite.DEFAULT_GROUP);
        Browser.screenshot(browser, "page-door-created");

        Door door = site.site.admin().registry().door("annex door").orElseThrow();
        assertThat(door.name()).isEqualTo("Annex entrance");
        assertThat(door.timeZone()).isEqualTo("Europe/Madrid");
        assertThat(door.allowedGroups()).containsExactly(LocalSite.DEFAULT_GROUP);
        assertThat(door.mode()).isEqualTo(DoorMode.FACE);
        assertThat(door.schedules()).hasSize(1);
        assertThat(doorUpdates("annex door", before)).singleElement().satisfies(e -> {
            assertThat(e.requestedBy()).isEqualTo(ConsoleSite.ADMIN);
            assertThat(e.details()).containsEntry("created", "true")
                    .containsEntry("name", "(none) -> Annex entrance");
        });

        Browser.submit(browser, By.id("back"));
        WebElement row = browser.findElement(By.cssSelector("#doors tr[data-door='annex door']"));
        assertThat(row.findElement(By.className("groups")).getText()).isEqualTo(LocalSite.DEFAULT_GROUP);
        // The console's own change is on its audit page at once.
        browser.get(site.url("/audit?type=DOOR_UPDATED&door=annex+door"));
        assertThat(browser.findElements(By.cssSelector("#audit tbody tr"))).singleElement()
                .satisfies(r -> assertThat(r.findElement(By.className("by")).getText()).isEqualTo(ConsoleSite.ADMIN));
    }

    @Test
    void badFieldsAreRefusedInWordsBesideEachFieldAndNothingIsWritten() {
        Instant before = Instant.now().minusSeconds(1);
        int doors = site.site.admin().listDoors().size();
        Browser.signIn(browser, site, ConsoleSite.ADMIN);
        browser.get(site.url("/doors/new"));
        type("doorId", "back/door");
        type("name", "Back door");
        type("timeZone", "Mars/Olympus");
        type("modes-TUE", "CARD_AND_FACE 09:00-09:00");
        Browser.submit(browser, By.id("save"));

        assertThat(browser.findElement(By.id("error")).getText()).startsWith("not saved: 3 field(s) need a fix");
        assertThat(problem("doorId")).startsWith("invalid door id 'back/door': letters, digits, space and");
        assertThat(problem("timeZone")).isEqualTo("unknown time zone 'Mars/Olympus': use an IANA id such as"
                + " Europe/Madrid");
        assertThat(problem("modes.TUE")).startsWith("ends when it starts (09:00-09:00)");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Back door");
        Browser.screenshot(browser, "page-door-new-refused");

        // An id already taken is refused too: creating never overwrites a door.
        type("doorId", ConsoleSite.DOOR);
        type("timeZone", "UTC");
        type("modes-TUE", "");
        Browser.submit(browser, By.id("save"));
        assertThat(problem("doorId")).isEqualTo("door " + ConsoleSite.DOOR
                + " already exists: change it with Edit on the doors page");

        assertThat(site.site.admin().listDoors()).hasSize(doors);
        assertThat(site.site.admin().registry().door(ConsoleSite.DOOR).orElseThrow().name()).isNotEqualTo("Back door");
        assertThat(doorUpdates(null, before)).isEmpty();
    }

    @Test
    void aViewerCannotCreateADoorNorCanAPostWithoutTheCsrfToken() {
        Browser.signIn(browser, site, ConsoleSite.VIEWER);
        browser.get(site.url("/doors"));
        assertThat(browser.findElements(By.id("new-door"))).isEmpty();
        assertThat(Browser.post(browser, "/doors", "doorId=viewer-door&mode=FACE", true)).isEqualTo(403L);
        browser.get(site.url("/doors/new"));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("this page is for admins");

        Browser.submit(browser, By.cssSelector("form.signout button"));
        Browser.signIn(browser, site, ConsoleSite.ADMIN);
        assertThat(Browser.post(browser, "/doors", "doorId=tokenless-door&mode=FACE", false)).isEqualTo(403L);
        assertThat(Browser.post(browser, "/doors", "doorId=tokened-door&mode=FACE", true))
                .as("the same POST with the token is accepted (a redirect to the next step)").isEqualTo(0L);
        assertThat(site.site.admin().registry().door("viewer-door")).isEmpty();
        assertThat(site.site.admin().registry().door("tokenless-door")).isEmpty();
        assertThat(site.site.admin().registry().door("tokened-door")).isPresent();
    }

    private String problem(String field) {
        return browser.findElement(By.cssSelector(".field-error[data-field='" + field + "']")).getText();
    }
}

package com.facegate.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.CloudClients;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.DoorCommands;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.status.DoorStatusStore;
import com.facegate.console.pages.DoorStates;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.MessageCodec;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The console's doors side in a real headless Chromium against a real local site whose door has a door contact:
 * the door's own status reaches the doors page through the status rule (S3, as in AWS); a status naming another
 * door or gone stale is shown as such; lock-down and lift from the browser reach the door and the audit with the
 * admin's id; a forced door is listed as an alarm and its acknowledgement is audited. (Accounts: sign-in audit
 * and TOTP, in {@link ConsoleAccountsBrowserTest}.)
 */
class ConsoleDoorsBrowserTest {
    private static final String CONTACT = "contact-27";
    private static ConsoleSite site;
    private ChromeDriver browser;

    @RegisterExtension
    final BrowserSession chromium = new BrowserSession();

    @BeforeAll
    static void startSite() throws Exception {
        site = ConsoleSite.start(50, b -> b.doorSetting("door.contactPin", "27")
                .doorSetting("door.heldOpenAfter", "2s"));
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
    void theDoorsOwnStatusReachesTheDoorsPageThroughTheStatusRule() {
        signIn(ConsoleSite.ADMIN);
        // The door reports on connect; the rule stores it as status/{doorId}.json, which the page reads (not MQTT).
        WebElement door = awaitDoorRow(ConsoleSite.DOOR, r -> !r.findElement(By.className("lock")).getText()
                .equals("–"));
        assertThat(door.findElement(By.className("lock")).getText()).isEqualTo("LOCKED");
        assertThat(door.findElement(By.className("contact")).getText()).isIn("CLOSED", "OPEN");
        assertThat(door.findElement(By.className("lockdown")).getText()).isEqualTo("no");
        assertThat(door.findElement(By.className("version")).getText()).isNotEqualTo("–");
        assertThat(door.findElement(By.className("last-status")).getText()).doesNotContain("stale");
        assertThat(site.site.admin().doorStatus(ConsoleSite.DOOR)).get().extracting(DoorStatus::doorId)
                .isEqualTo(ConsoleSite.DOOR);
        Browser.screenshot(browser, "page-doors-status");
    }

    @Test
    void aStoredStatusNamingAnotherDoorIsIgnoredAndAnOldOneIsShownStale() throws Exception {
        site.site.admin().putDoor(new Door("side-door", "side door", "UTC", List.of("staff"), List.of()));
        try (S3Client s3 = site.site.stack().s3Client()) {
            // What the status rule would store had side-door published a body claiming to be console-door.
            DoorStatusStore rule = new DoorStatusStore(s3, site.site.cloud().config().bucket());
            rule.store("side-door", MessageCodec.encode(DoorStatus.of(ConsoleSite.DOOR, Instant.now(), true,
                    DoorStatus.Lock.UNLOCKED, DoorStatus.Contact.OPEN, false, false, "forged", 0)));
            signIn(ConsoleSite.ADMIN);
            browser.get(site.url("/doors"));
            WebElement side = row("side-door");
            assertThat(side.findElement(By.className("lock")).getText()).isEqualTo("–");
            assertThat(side.findElement(By.className("version")).getText()).isEqualTo("–");
            assertThat(row(ConsoleSite.DOOR).findElement(By.className("version")).getText()).isNotEqualTo("forged");

            rule.store("side-door", MessageCodec.encode(DoorStatus.of("side-door", Instant.now().minus(
                    Duration.ofMinutes(10)), true, DoorStatus.Lock.LOCKED, DoorStatus.Contact.CLOSED, false, false,
                    "0.0.9", 3)));
            browser.get(site.url("/doors"));
            side = row("side-door");
            assertThat(side.findElement(By.className("version")).getText()).isEqualTo("0.0.9");
            assertThat(side.findElement(By.className("last-status")).getText()).endsWith("(stale)");
            assertThat(side.findElement(By.className("presence")).getText()).startsWith("unknown");
            assertThat(side.findElement(By.className("gallery")).getText()).as("no gallery reported").isEqualTo("–");
        }
    }

    @Test
    void anOldOfflineGalleryIsShownStaleAndAFreshOneIsNot() throws Exception {
        site.site.admin().putDoor(new Door("gallery-door", "gallery door", "UTC", List.of("staff"), List.of()));
        try (S3Client s3 = site.site.stack().s3Client()) {
            DoorStatusStore rule = new DoorStatusStore(s3, site.site.cloud().config().bucket());
            Instant now = Instant.now();
            DoorStatus report = DoorStatus.of("gallery-door", now, true, DoorStatus.Lock.LOCKED,
                    DoorStatus.Contact.CLOSED, false, false, "1.0", 0);
            // A door still on a gallery made past the bound: publication stopped reaching it.
            rule.store("gallery-door", MessageCodec.encode(report.withGallery(
                    now.minus(DoorStates.GALLERY_STALE_AFTER).minusSeconds(60), now.minusSeconds(30))));
            signIn(ConsoleSite.ADMIN);
            browser.get(site.url("/doors"));
            WebElement old = row("gallery-door").findElement(By.className("gallery"));
            assertThat(old.getText()).startsWith("made 17 min ago, checked ").endsWith("(stale)");
            assertThat(old.getAttribute("class")).contains("stale");
            Browser.screenshot(browser, "page-doors-gallery-stale");

            rule.store("gallery-door", MessageCodec.encode(report.withGallery(now.minusSeconds(90),
                    now.minusSeconds(20))));
            browser.get(site.url("/doors"));
            WebElement fresh = row("gallery-door").findElement(By.className("gallery"));
            assertThat(fresh.getText()).startsWith("made ").contains(" s ago, checked ").doesNotContain("stale");
            assertThat(fresh.getAttribute("class")).doesNotContain("stale");
        }
    }

    @Test
    void adminLocksDownAndLiftsADoorFromTheBrowserAndTheAuditShowsTheAdminsId() {
        signIn(ConsoleSite.ADMIN);
        browser.get(site.url("/doors"));
        WebElement door = row(ConsoleSite.DOOR);
        door.findElement(By.className("lockdown-reason")).sendKeys("intruder reported in lobby");
        Browser.submit(browser, door.findElement(By.cssSelector("button.lockdown")));
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("lock-down ")
                .endsWith(" sent to door " + ConsoleSite.DOOR);

        // The door acted on it (its own LOCKDOWN record, source device) and reported it in its status.
        awaitAuditRow("LOCKDOWN", "device");
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.findElement(By.className("by")).getText()).isEqualTo(ConsoleSite.ADMIN);
            assertThat(r.getText()).contains("intruder reported in lobby");
        });
        assertThat(rows).extracting(r -> r.findElement(By.className("source")).getText())
                .contains("cloud", "device");
        Browser.screenshot(browser, "page-audit-lockdown");
        awaitDoorRow(ConsoleSite.DOOR, r -> r.findElement(By.className("lockdown")).getText().equals("LOCK-DOWN"));
        Browser.screenshot(browser, "page-doors-lockdown");

        WebElement locked = row(ConsoleSite.DOOR);
        locked.findElement(By.className("lockdown-reason")).sendKeys("all clear from security");
        Browser.submit(browser, locked.findElement(By.cssSelector("button.lift")));
        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("lift of lock-down ");
        awaitAuditRow("LOCKDOWN_LIFTED", "device");
        awaitDoorRow(ConsoleSite.DOOR, r -> r.findElement(By.className("lockdown")).getText().equals("no"));
    }

    @Test
    void anAdminEditsADoorsModeWindowInTheBrowserAndSeesItOnTheDoorsPage() {
        site.site.admin().putDoor(new Door("stock-door", "Stock room", "UTC", List.of("staff"), List.of()));
        signIn(ConsoleSite.ADMIN);
        browser.get(site.url("/doors"));
        row("stock-door").findElement(By.className("edit")).click();
        WebElement monday = browser.findElement(By.id("modes-MON"));
        monday.clear();
        monday.sendKeys("CARD_AND_FACE 18:00-22:00");
        Browser.screenshot(browser, "page-door-edit");
        Browser.submit(browser, By.id("save"));

        assertThat(browser.findElement(By.id("notice")).getText()).startsWith("door stock-door saved (modeWindows");
        assertThat(row("stock-door").findElement(By.className("modes")).getText())
                .isEqualTo("FACE; CARD_AND_FACE@MON 18:00-22:00");
    }

    @Test
    void aRemoteUnlockTheIotEndpointRefusesIsShownAsNotSentAndAuditedOnceAsFailed() throws Exception {
        CloudClients live = site.site.cloud().clients();
        try (IotDataPlaneClient refusing = IotDataPlaneClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(closedPort()).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
             ConsoleSite broken = site.over(new BadgeAdmin(site.site.cloud().config(),
                     new CloudClients(live.s3(), live.rekognition(), refusing), Clock.systemUTC()))) {
            Instant before = Instant.now();
            Browser.signIn(browser, broken, ConsoleSite.ADMIN);
            browser.get(broken.url("/doors"));
            WebElement door = row(ConsoleSite.DOOR);
            door.findElement(By.cssSelector("form[action$='/unlock'] input.reason"))
                    .sendKeys("courier at the side gate");
            Browser.submit(browser, door.findElement(By.cssSelector("button.unlock")));

            assertThat(browser.findElements(By.id("notice"))).isEmpty();
            String error = browser.findElement(By.id("error")).getText();
            assertThat(error).startsWith("remote unlock ").contains("was NOT sent to door " + ConsoleSite.DOOR);
            String requestId = error.substring("remote unlock ".length()).split(" ")[0];
            List<AuditEvent> records = site.site.admin().queryAudit(ConsoleSite.DOOR, null, before.minusSeconds(1),
                    Instant.now().plusSeconds(5)).stream().map(AuditRecord::event)
                    .filter(e -> requestId.equals(e.requestId())).toList();
            assertThat(records).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(AuditEvent.Type.REMOTE_UNLOCK);
                assertThat(e.requestedBy()).isEqualTo(ConsoleSite.ADMIN);
                assertThat(e.details()).containsEntry(DoorCommands.DETAIL_DELIVERY, DoorCommands.DELIVERY_FAILED);
            });
            browser.get(broken.url("/audit?type=REMOTE_UNLOCK&door=" + ConsoleSite.DOOR));
            assertThat(browser.findElement(By.id("audit")).getText()).contains("REMOTE_UNLOCK (NOT SENT)");
            Browser.screenshot(browser, "page-doors-unlock-not-sent");
        }
    }

    private static URI closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    @Test
    void aLockDownWithoutAReasonIsRefusedAndNothingIsSent() {
        signIn(ConsoleSite.ADMIN);
        browser.get(site.url("/doors"));
        Instant before = Instant.now();
        assertThat(Browser.post(browser, "/doors/" + ConsoleSite.DOOR + "/lockdown", "reason=+++", true))
                .isEqualTo(400L);
        assertThat(site.site.admin().queryAudit(ConsoleSite.DOOR, null, before.minusSeconds(1),
                Instant.now().plusSeconds(5))).noneMatch(r -> r.event().type() == AuditEvent.Type.LOCKDOWN);
    }

    @Test
    void aForcedDoorIsListedAsAnAlarmAndItsAcknowledgementIsAudited() throws Exception {
        MockDigitalInput contact = site.site.door().pi4j().io(CONTACT, MockDigitalInput.class);
        contact.mockState(DigitalState.HIGH); // opened without a grant: DOOR_FORCED
        try {
            signIn(ConsoleSite.ADMIN);
            WebElement alarm = awaitAlarm("DOOR_FORCED");
            Browser.screenshot(browser, "page-alarms");
            String alarmId = alarm.getAttribute("data-alarm");
            alarm.findElement(By.className("note")).sendKeys("checked on camera: cleaner propped it");
            Browser.submit(browser, alarm.findElement(By.className("ack")));
            assertThat(browser.findElement(By.id("notice")).getText())
                    .isEqualTo("alarm DOOR_FORCED at door " + ConsoleSite.DOOR + " acknowledged");
            WebElement done = browser.findElement(By.cssSelector("tr[data-alarm='" + alarmId + "']"));
            assertThat(done.findElement(By.className("ack-by")).getText()).isEqualTo(ConsoleSite.ADMIN);
            assertThat(done.findElements(By.className("ack"))).isEmpty();

            AuditRecord ack = site.site.admin().queryAudit(ConsoleSite.DOOR, null, Instant.now().minusSeconds(600),
                    Instant.now().plusSeconds(5)).stream()
                    .filter(r -> r.event().type() == AuditEvent.Type.ALARM_ACKNOWLEDGED).findFirst().orElseThrow();
            assertThat(ack.event().requestedBy()).isEqualTo(ConsoleSite.ADMIN);
            assertThat(ack.event().details()).containsEntry("alarmId", alarmId)
                    .containsEntry("alarmType", "DOOR_FORCED");
            assertThat(ack.event().reason()).isEqualTo("checked on camera: cleaner propped it");
            // Twice is refused: one alarm, one acknowledgement.
            assertThat(Browser.post(browser, "/alarms/" + alarmId + "/ack", "note=again", true)).isEqualTo(409L);
        } finally {
            contact.mockState(DigitalState.LOW);
        }
    }

    private void signIn(String account) {
        Browser.signIn(browser, site, account);
    }

    private WebElement row(String doorId) {
        return browser.findElement(By.cssSelector("#doors tr[data-door='" + doorId + "']"));
    }

    /** Reloads the doors page until the door's row satisfies {@code done}. */
    private WebElement awaitDoorRow(String doorId, Predicate<WebElement> done) {
        return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class).until(d -> {
                    d.get(site.url("/doors"));
                    WebElement r = row(doorId);
                    return done.test(r) ? r : null;
                });
    }

    /** Reloads the audit search for {@code type} at the door until a record from {@code source} is there. */
    private void awaitAuditRow(String type, String source) {
        new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class).until(d -> {
                    d.get(site.url("/audit?type=" + type + "&door=" + ConsoleSite.DOOR));
                    return d.findElements(By.cssSelector("#audit tbody tr")).stream()
                            .anyMatch(r -> r.findElement(By.className("source")).getText().equals(source));
                });
    }

    private WebElement awaitAlarm(String type) {
        return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class).until(d -> {
                    d.get(site.url("/alarms"));
                    return d.findElements(By.cssSelector("#alarms tr.open")).stream()
                            .filter(r -> r.findElement(By.className("type")).getText().equals(type))
                            .findFirst().orElse(null);
                });
    }
}

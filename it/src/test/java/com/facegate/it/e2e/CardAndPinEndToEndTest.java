package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.cloud.enroll.FactorAdmin;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.device.credential.InputEvent;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Reasons;
import com.facegate.site.LocalSite;
import com.facegate.site.SiteFixture;
import com.facegate.site.TestSite;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CARD_AND_PIN door end to end with nobody in view: the card is swiped on a keyboard-wedge reader and the PIN typed
 * on a USB keypad, both configured as HID readers whose devices are files the test appends real 24-byte
 * {@code input_event}s to (a simulated door reads a regular file as recorded events; a real one grabs
 * /dev/input). The daemon seals the PIN with the site's PIN key from its bundle, uploads the frame it has once
 * the PIN has settled, and the real access handler checks card and PIN: the right PIN opens the door, a wrong one
 * is denied WRONG_PIN and the relay stays off.
 */
class CardAndPinEndToEndTest {
    static final String DOOR = "card-pin-door";
    static final String CARD = "4200123";
    // Linux input-event-codes.h: the top-row digits and ENTER, what wedge readers and USB keypads send.
    private static final int KEY_1 = 2;
    private static final int KEY_0 = 11;
    private static final int KEY_ENTER = 28;
    static TestSite site;
    static Path cardReader;
    static Path keypad;

    @BeforeAll
    static void startSite() throws Exception {
        Lfw.root();
        Path devices = Files.createTempDirectory("facegate-readers");
        cardReader = Files.createFile(devices.resolve("reader-events"));
        keypad = Files.createFile(devices.resolve("keypad-events"));
        site = SiteFixture.start(DOOR, door -> door.doorSetting("reader.type", "HID")
                .doorSetting("reader.device", cardReader.toString()).doorSetting("keypad.type", "HID")
                .doorSetting("keypad.device", keypad.toString()));
        site.enroll("B-PIN-1", Lfw.photo("Colin_Powell", 1));
        site.admin().putDoor(new Door(DOOR, DOOR, ZoneId.systemDefault().getId(), List.of(LocalSite.DEFAULT_GROUP),
                List.of()).withModes(DoorMode.CARD_AND_PIN, List.of()));
        FactorAdmin factors = new FactorAdmin(site.cloud().config(), site.cloud().clients(), Clock.systemUTC());
        factors.addCard("B-PIN-1", CARD, "test-admin");
        factors.setPin("B-PIN-1", "530817".toCharArray(), "test-admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @BeforeEach
    void clear() throws InterruptedException {
        Thread.sleep(800); // the last relay pulse is over
        site.clear();
    }

    private static void cardThenPin(String pin) throws IOException, InterruptedException {
        type(cardReader, CARD);
        Thread.sleep(300);
        type(keypad, pin);
    }

    /** Each digit then ENTER, pressed and released 20 ms apart, stamped with the wall clock as the kernel does. */
    private static void type(Path device, String digits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long micros = Instant.now().toEpochMilli() * 1000;
        for (char c : (digits + "\n").toCharArray()) {
            int code = c == '\n' ? KEY_ENTER : c == '0' ? KEY_0 : KEY_1 + (c - '1');
            out.writeBytes(new InputEvent(micros, InputEvent.EV_KEY, code, InputEvent.PRESSED).bytes());
            out.writeBytes(new InputEvent(micros, InputEvent.EV_SYN, 0, 0).bytes());
            out.writeBytes(new InputEvent(micros + 5_000, InputEvent.EV_KEY, code, InputEvent.RELEASED).bytes());
            out.writeBytes(new InputEvent(micros + 5_000, InputEvent.EV_SYN, 0, 0).bytes());
            micros += 20_000;
        }
        Files.write(device, out.toByteArray(), StandardOpenOption.APPEND);
    }

    @Test
    void givenTheRightCardAndPinWithNobodyInView_thenTheDoorOpensForThatBadge() throws Exception {
        cardThenPin("530817");

        await().atMost(Duration.ofSeconds(30)).until(() -> site.audits(AuditEvent.Type.UNLOCKED).size() == 1);
        assertThat(site.audits(AuditEvent.Type.UNLOCKED).get(0).badgeId()).isEqualTo("B-PIN-1");
        await().atMost(Duration.ofSeconds(3)).until(() -> site.relay().size() >= 2);
        assertThat(site.relay()).containsExactly(DigitalState.HIGH, DigitalState.LOW);
    }

    @Test
    void givenAWrongPin_thenTheDoorAuditsWrongPinAndStaysShut() throws Exception {
        cardThenPin("111111");

        await().atMost(Duration.ofSeconds(30)).until(() -> site.audits(AuditEvent.Type.DENIED).size() == 1);
        AuditEvent denied = site.audits(AuditEvent.Type.DENIED).get(0);
        assertThat(denied.reason()).isEqualTo(Reasons.WRONG_PIN);
        assertThat(denied.badgeId()).isEqualTo("B-PIN-1");
        Thread.sleep(500);
        assertThat(site.relay()).isEmpty();
        // Right afterwards the right PIN still opens: one wrong PIN is far from the lock-out.
        site.clear();
        cardThenPin("530817");
        await().atMost(Duration.ofSeconds(30)).until(() -> site.audits(AuditEvent.Type.UNLOCKED).size() == 1);
    }
}

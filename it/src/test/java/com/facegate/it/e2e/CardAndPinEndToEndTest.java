package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.cloud.enroll.FactorAdmin;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.device.credential.Presented;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Reasons;
import com.facegate.site.LocalSite;
import com.facegate.site.SiteFixture;
import com.facegate.site.TestSite;
import com.pi4j.io.gpio.digital.DigitalState;
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
 * A CARD_AND_PIN door end to end with nobody in view: the door daemon gets a card and a typed PIN from its readers'
 * hand-over point (the readers themselves are tested in device), seals the PIN with the site's PIN key from its
 * bundle, uploads the frame it has once the PIN has settled, and the real access handler checks card and PIN: the
 * right PIN opens the door, a wrong one is denied WRONG_PIN and the relay stays off.
 */
class CardAndPinEndToEndTest {
    static final String DOOR = "card-pin-door";
    static final String CARD = "4200123";
    static TestSite site;

    @BeforeAll
    static void startSite() throws Exception {
        Lfw.root();
        site = SiteFixture.start(DOOR, door -> door);
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

    private static void cardThenPin(String pin) {
        site.door().doorController().presented(new Presented.Card(CARD, Instant.now()));
        site.door().doorController().presented(new Presented.Pin(pin.toCharArray(), Instant.now()));
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

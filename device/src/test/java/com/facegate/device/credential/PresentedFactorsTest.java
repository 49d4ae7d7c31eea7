package com.facegate.device.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.PinSeal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the readers hand over reaches the next capture once, the PIN sealed to that capture with real RSA-OAEP. */
class PresentedFactorsTest {
    static KeyPair cloud;

    /** A clock the test moves. */
    static final class Movable extends Clock {
        Instant now = Instant.parse("2026-12-02T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        cloud = rsa.generateKeyPair();
    }

    static byte[] open(String sealed) throws Exception {
        Cipher rsa = Cipher.getInstance(PinSeal.TRANSFORMATION);
        rsa.init(Cipher.DECRYPT_MODE, cloud.getPrivate(), PinSeal.OAEP);
        return rsa.doFinal(Base64.getDecoder().decode(sealed));
    }

    @Test
    void cardAndSealedPinTravelWithTheNextCaptureOnceAndThePinOpensOnlyForThatCapture() throws Exception {
        Movable clock = new Movable();
        PresentedFactors held = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), cloud.getPublic());
        char[] digits = "482615".toCharArray();
        held.accept(new Presented.Card("12345678", clock.instant()));
        held.accept(new Presented.Pin(digits, clock.instant()));
        assertThat(held.cardWaiting()).isTrue();
        clock.now = clock.now.plusSeconds(3);

        Map<String, String> meta = held.takeFor("capture-0001");
        assertThat(meta).containsEntry(CaptureMetadata.CARD, "12345678").containsKey(CaptureMetadata.PIN_SEALED);
        assertThat(meta.get(CaptureMetadata.PIN_SEALED)).doesNotContain("482615").hasSizeLessThan(400);
        assertThat(digits).as("the entered digits are overwritten once sealed").containsOnly('\0');
        PinSeal.Opened opened = PinSeal.read(open(meta.get(CaptureMetadata.PIN_SEALED)), "lab-door", "capture-0001");
        assertThat(new String(opened.digits())).isEqualTo("482615");
        assertThat(opened.sealedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> PinSeal.read(open(meta.get(CaptureMetadata.PIN_SEALED)), "lab-door",
                "capture-0002")).hasMessageContaining("another door or capture");
        assertThatThrownBy(() -> PinSeal.read(open(meta.get(CaptureMetadata.PIN_SEALED)), "other-door",
                "capture-0001")).hasMessageContaining("another door or capture");

        assertThat(held.takeFor("capture-0002")).as("one use").isEmpty();
        assertThat(held.cardWaiting()).isFalse();
    }

    @Test
    void whatIsOlderThanTheWindowAndItsGraceIsForgotten() {
        Movable clock = new Movable();
        PresentedFactors held = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), cloud.getPublic());
        char[] digits = "1234".toCharArray();
        held.accept(new Presented.Card("777", clock.instant()));
        held.accept(new Presented.Pin(digits, clock.instant()));
        clock.now = clock.now.plusSeconds(11);
        assertThat(held.cardWaiting()).as("kept a little past the window, for the capture that claims it").isTrue();
        clock.now = clock.now.plus(PresentedFactors.CLAIM_GRACE);
        assertThat(held.cardWaiting()).isFalse();
        assertThat(held.takeFor("capture-0003")).isEmpty();
        assertThat(digits).containsOnly('\0');
    }

    @Test
    void aCardIsDueForAFrameWithoutAFaceWhenItsWindowEndsOrOnceAPinAfterItHasSettled() {
        Movable clock = new Movable();
        PresentedFactors held = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), cloud.getPublic());
        assertThat(held.cardDue()).isFalse();
        held.accept(new Presented.Card("777", clock.instant()));
        clock.now = clock.now.plusMillis(9_999);
        assertThat(held.cardDue()).as("still waiting for a face").isFalse();
        clock.now = clock.now.plusMillis(1);
        assertThat(held.cardDue()).isTrue();
        assertThat(held.takeFor("capture-0006")).containsEntry(CaptureMetadata.CARD, "777");
        assertThat(held.cardDue()).as("taken: nothing more is due").isFalse();

        held.accept(new Presented.Card("778", clock.instant()));
        clock.now = clock.now.plusSeconds(1);
        held.accept(new Presented.Pin("1234".toCharArray(), clock.instant()));
        clock.now = clock.now.plus(PresentedFactors.PIN_SETTLE).minusMillis(1);
        assertThat(held.cardDue()).as("time to look up from the keypad").isFalse();
        clock.now = clock.now.plusMillis(1);
        assertThat(held.cardDue()).isTrue();

        PresentedFactors pinOnly = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), cloud.getPublic());
        pinOnly.accept(new Presented.Pin("1234".toCharArray(), clock.instant()));
        clock.now = clock.now.plusSeconds(12);
        assertThat(pinOnly.cardDue()).as("a PIN alone waits for a face").isFalse();
    }

    @Test
    void withoutTheCloudsKeyOrWithABadPinNoPinIsSentButTheCardIs() {
        Movable clock = new Movable();
        PresentedFactors noKey = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), null);
        noKey.accept(new Presented.Card("777", clock.instant()));
        noKey.accept(new Presented.Pin("1234".toCharArray(), clock.instant()));
        assertThat(noKey.takeFor("capture-0004")).containsOnlyKeys(CaptureMetadata.CARD);
        PresentedFactors held = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), cloud.getPublic());
        held.accept(new Presented.Pin("12".toCharArray(), clock.instant()));
        assertThat(held.takeFor("capture-0005")).isEmpty();
    }

    @Test
    void aCardNoCaptureClaimsIsReportedOnceWhenForgottenSoTheVisitCanBeAudited() {
        Movable clock = new Movable();
        PresentedFactors held = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), cloud.getPublic());
        List<Boolean> reported = new ArrayList<>();
        held.onUnclaimed(reported::add);
        held.accept(new Presented.Card("00704242", clock.now));
        held.accept(new Presented.Pin("530817".toCharArray(), clock.now));

        clock.now = clock.now.plusSeconds(14);
        assertThat(held.cardWaiting()).isTrue();
        assertThat(reported).isEmpty();
        clock.now = clock.now.plusSeconds(2);
        assertThat(held.cardWaiting()).isFalse();
        assertThat(held.cardWaiting()).isFalse();

        assertThat(reported).containsExactly(true);
        assertThat(held.takeFor("capture-1")).isEmpty();
    }

    @Test
    void expiringWithoutACaptureAskingReportsTheCardOutsideTheLock() {
        Movable clock = new Movable();
        PresentedFactors held = new PresentedFactors("lab-door", clock, Duration.ofSeconds(10), null);
        List<Boolean> lockHeldWhenReported = new ArrayList<>();
        held.onUnclaimed(withPin -> lockHeldWhenReported.add(Thread.holdsLock(held)));
        held.accept(new Presented.Card("00704242", clock.now));

        clock.now = clock.now.plusSeconds(14);
        held.expire();
        assertThat(lockHeldWhenReported).isEmpty();
        clock.now = clock.now.plusSeconds(2);
        held.expire();
        held.expire();

        assertThat(lockHeldWhenReported).containsExactly(false);
        assertThat(held.cardWaiting()).isFalse();
    }
}

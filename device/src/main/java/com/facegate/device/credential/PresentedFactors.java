package com.facegate.device.credential;

import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.PinSeal;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what a person presented at the door (the readers hand it over here) for a short window, and gives it to the
 * next capture as its metadata, once: a card or PIN never travels with two captures. The PIN is sealed for the cloud
 * ({@link PinSeal}) bound to that capture's id, and its digits are overwritten as soon as it is sealed or expires;
 * without the cloud's key no PIN can be sealed and none is sent (the cloud then denies PIN_REQUIRED). The newest
 * card and the newest PIN win. Nothing presented is logged but that something was.
 */
public final class PresentedFactors implements Consumer<Presented> {
    /** Long enough to show a card, then face the camera; short enough that the next person does not inherit it. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PresentedFactors.class);

    private final String doorId;
    private final Clock clock;
    private final Duration window;
    private final PublicKey cloudKey;
    private Presented.Card card;
    private Presented.Pin pin;

    /** {@code cloudKey} null: this door cannot seal PINs (none is attached). */
    public PresentedFactors(String doorId, Clock clock, Duration window, PublicKey cloudKey) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window for presented factors must be positive");
        }
        this.doorId = doorId;
        this.clock = clock;
        this.window = window;
        this.cloudKey = cloudKey;
    }

    @Override
    public synchronized void accept(Presented presented) {
        if (presented instanceof Presented.Card c) {
            card = c;
            LOG.info("card presented");
        } else if (presented instanceof Presented.Pin p) {
            if (pin != null) {
                pin.clear();
            }
            pin = p;
            LOG.info("PIN entered");
        }
    }

    /** True when a card is waiting within its window (the door may upload a frame for it with no face in view). */
    public synchronized boolean cardWaiting() {
        forgetExpired(clock.instant());
        return card != null;
    }

    /** The metadata for this capture (card, sealed PIN), or empty; what is returned is forgotten here. */
    public synchronized Map<String, String> takeFor(String captureId) {
        Instant now = clock.instant();
        forgetExpired(now);
        Map<String, String> out = new HashMap<>();
        if (card != null) {
            out.put(CaptureMetadata.CARD, card.number());
            card = null;
        }
        if (pin != null) {
            try {
                if (cloudKey != null) {
                    out.put(CaptureMetadata.PIN_SEALED, PinSeal.seal(cloudKey, doorId, captureId, pin.digits(), now));
                } else {
                    LOG.warn("PIN entered but this door has no cloud key to seal it with; not sent");
                }
            } catch (IllegalArgumentException e) {
                LOG.warn("PIN entered is not {} to {} digits; not sent", PinSeal.MIN_DIGITS, PinSeal.MAX_DIGITS);
            } finally {
                pin.clear();
                pin = null;
            }
        }
        return out;
    }

    private void forgetExpired(Instant now) {
        if (card != null && card.at().plus(window).isBefore(now)) {
            card = null;
        }
        if (pin != null && pin.at().plus(window).isBefore(now)) {
            pin.clear();
            pin = null;
        }
    }
}

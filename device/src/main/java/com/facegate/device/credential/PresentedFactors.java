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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what a person presented at the door (the readers hand it over here) for a short window, and gives it to the
 * next capture as its metadata, once: a card or PIN never travels with two captures. The PIN is sealed for the cloud
 * ({@link PinSeal}) bound to that capture's id, and its digits are overwritten as soon as it is sealed or expires;
 * without the cloud's key no PIN can be sealed and none is sent (the cloud then denies PIN_REQUIRED). The newest
 * card and the newest PIN win. Nothing presented is logged but that something was.
 *
 * <p>A card must end in a decision even when nobody faces the camera: once it is {@link #cardDue() due} the door
 * uploads the frame it has, face or not, and the cloud decides in the door's mode (FACE_REQUIRED in a mode that
 * needs a face, a grant in CARD_AND_PIN). So what was presented is kept {@link #CLAIM_GRACE} past its window, for
 * that upload or for an approach that began inside the window. A card nothing claims is forgotten by
 * {@link #expire()} on the door's tick (the camera may be down, so no capture asks), and reported once; the report
 * runs outside this object's lock, since it writes an audit record.
 */
public final class PresentedFactors implements Consumer<Presented> {
    /** Long enough to show a card, then face the camera; short enough that the next person does not inherit it. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    /** Past the window, for the capture that claims a factor: an approach's best frame, or the door's next frame. */
    public static final Duration CLAIM_GRACE = Duration.ofSeconds(5);
    /** After a card and a PIN, time to look up from the keypad before the door stops waiting for a face. */
    public static final Duration PIN_SETTLE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(PresentedFactors.class);

    private final String doorId;
    private final Clock clock;
    private final Duration window;
    private final PublicKey cloudKey;
    private Presented.Card card;
    private Presented.Pin pin;
    /** Told when a card is forgotten unclaimed (true: a PIN was waiting with it), so the visit is audited. */
    private volatile Consumer<Boolean> unclaimed = withPin -> { };

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

    /** Who audits a card no capture claimed: every visit leaves one record, even with the camera down. */
    public void onUnclaimed(Consumer<Boolean> listener) {
        this.unclaimed = listener;
    }

    @Override
    public void accept(Presented presented) {
        synchronized (this) {
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
    }

    /** Forgets what has outlived its window and grace; called on the door's tick so no card goes unreported. */
    public void expire() {
        afterExpiry(now -> null);
    }

    /** True when a card is held for the next capture (within its window and grace). */
    public boolean cardWaiting() {
        return afterExpiry(now -> card != null);
    }

    /**
     * True when the door should upload a frame for the waiting card without waiting longer for a face: the card's
     * window is over, or a PIN followed it and {@link #PIN_SETTLE} has passed (the person is done).
     */
    public boolean cardDue() {
        return afterExpiry(now -> card != null && (!now.isBefore(card.at().plus(window))
                || (pin != null && !now.isBefore(pin.at().plus(PIN_SETTLE)))));
    }

    /** The metadata for this capture (card, sealed PIN), or empty; what is returned is forgotten here. */
    public Map<String, String> takeFor(String captureId) {
        return afterExpiry(now -> take(captureId, now));
    }

    /**
     * Under the lock, forgets what has expired and then runs {@code read} at the same instant; outside it, reports a
     * card so forgotten (the report writes an audit record, which may block on the disk).
     */
    private <T> T afterExpiry(Function<Instant, T> read) {
        Boolean forgotten;
        T out;
        synchronized (this) {
            Instant now = clock.instant();
            forgotten = forgetExpired(now);
            out = read.apply(now);
        }
        report(forgotten);
        return out;
    }

    private Map<String, String> take(String captureId, Instant now) {
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

    /** Null when no card was forgotten; else whether a PIN was waiting with it. Caller holds the lock. */
    private Boolean forgetExpired(Instant now) {
        Boolean forgotten = null;
        if (card != null && card.at().plus(window).plus(CLAIM_GRACE).isBefore(now)) {
            LOG.warn("card presented but no capture claimed it (camera down?); forgotten");
            card = null;
            forgotten = pin != null;
        }
        if (pin != null && pin.at().plus(window).plus(CLAIM_GRACE).isBefore(now)) {
            pin.clear();
            pin = null;
        }
        return forgotten;
    }

    /** Outside the lock: the listener writes an audit record, which may block on the disk. */
    private void report(Boolean forgotten) {
        if (forgotten != null) {
            unclaimed.accept(forgotten);
        }
    }
}

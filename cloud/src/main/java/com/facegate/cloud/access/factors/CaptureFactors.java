package com.facegate.cloud.access.factors;

import com.facegate.cloud.access.AccessVerdict;
import com.facegate.cloud.registry.Cards;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.PinSeal;
import com.facegate.protocol.Reasons;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * What came with a capture besides the face, read from its S3 metadata: the card (kept only as its
 * {@link Cards#ref}) and the PIN, opened and checked to be sealed for this very capture of this door, recently.
 * Anything malformed is a DENY naming what was wrong ({@code BAD_CARD}, {@code BAD_PIN_SEAL}); never the value.
 */
public record CaptureFactors(String cardRef, PinSeal.Opened pin) {
    /** A seal older than this is refused: a door seals at most seconds before its upload. */
    public static final Duration MAX_SEAL_AGE = Duration.ofMinutes(2);
    /** Door clocks run a little ahead at times; more than this is not a seal of now. */
    public static final Duration MAX_SEAL_AHEAD = Duration.ofSeconds(30);
    /** RSA-4096 OAEP in base64 is 684 characters; anything much longer is not a seal. */
    static final int MAX_SEAL_CHARS = 1024;

    /** Either the factors or the DENY for malformed metadata. */
    public record Read(CaptureFactors factors, AccessVerdict refused) {}

    public boolean hasCard() {
        return cardRef != null;
    }

    public boolean hasPin() {
        return pin != null;
    }

    /** Overwrites the PIN's digits (after the check). */
    public void clear() {
        if (pin != null) {
            pin.clear();
        }
    }

    public static Read read(Map<String, String> metadata, CaptureKey capture, PinOpener opener, Instant now) {
        String card = metadata.get(CaptureMetadata.CARD);
        String cardRef = null;
        if (card != null) {
            Optional<String> problem = Cards.problem(card);
            if (problem.isPresent()) {
                return refuse(Reasons.BAD_CARD, problem.get());
            }
            cardRef = Cards.ref(card);
        }
        String sealed = metadata.get(CaptureMetadata.PIN_SEALED);
        if (sealed == null) {
            return new Read(new CaptureFactors(cardRef, null), null);
        }
        if (sealed.length() > MAX_SEAL_CHARS) {
            return refuse(Reasons.BAD_PIN_SEAL, "sealed PIN longer than " + MAX_SEAL_CHARS + " characters");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.trim());
        } catch (IllegalArgumentException e) {
            return refuse(Reasons.BAD_PIN_SEAL, "sealed PIN is not base64");
        }
        PinSeal.Opened pin;
        try {
            pin = PinSeal.read(opener.open(bytes), capture.doorId(), capture.captureId());
        } catch (PinOpener.BadSealException | IllegalArgumentException e) {
            return refuse(Reasons.BAD_PIN_SEAL, e.getMessage());
        }
        if (pin.sealedAt().isBefore(now.minus(MAX_SEAL_AGE)) || pin.sealedAt().isAfter(now.plus(MAX_SEAL_AHEAD))) {
            pin.clear();
            return refuse(Reasons.BAD_PIN_SEAL, "sealed at " + pin.sealedAt() + ", not within "
                    + MAX_SEAL_AGE.toSeconds() + " s of now");
        }
        return new Read(new CaptureFactors(cardRef, pin), null);
    }

    private static Read refuse(String reason, String problem) {
        return new Read(null, AccessVerdict.deny(reason, problem));
    }
}

package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A badge's second factors, stored at {@code registry/factors/{badgeId}.json}, apart from the badge so that the
 * gallery publisher (which reads badges) never reads PIN hashes. {@code cardRefs} are {@link Cards#ref}s, not card
 * numbers; the hashes are {@link Argon2id} strings; {@code wrongPins} counts wrong PINs since the last right one
 * and {@code lockedAt} is set when they reached the limit. {@code writeId} is each write's random token: conditional
 * writes use it to tell their own write from a concurrent one (see {@code S3Claim}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BadgeFactors(String badgeId, List<String> cardRefs, String pinHash, String duressPinHash,
                           int wrongPins, Instant lockedAt, String writeId) {
    public BadgeFactors {
        BadgeIds.require(badgeId);
        cardRefs = cardRefs == null ? List.of() : List.copyOf(cardRefs);
        if ((pinHash != null && !Argon2id.looksLikeHash(pinHash))
                || (duressPinHash != null && !Argon2id.looksLikeHash(duressPinHash))) {
            throw new IllegalArgumentException("a PIN hash is not an Argon2id hash");
        }
        if (cardRefs.stream().anyMatch(r -> r == null || !Cards.isRef(r))) {
            throw new IllegalArgumentException("a card reference is not one");
        }
        if (wrongPins < 0) {
            throw new IllegalArgumentException("wrongPins is negative");
        }
    }

    public static BadgeFactors none(String badgeId) {
        return new BadgeFactors(badgeId, List.of(), null, null, 0, null, null);
    }

    public BadgeFactors withCardRefs(List<String> refs) {
        return new BadgeFactors(badgeId, refs, pinHash, duressPinHash, wrongPins, lockedAt, writeId);
    }

    public BadgeFactors withPinHash(String hash) {
        return new BadgeFactors(badgeId, cardRefs, hash, duressPinHash, 0, null, writeId);
    }

    public BadgeFactors withDuressPinHash(String hash) {
        return new BadgeFactors(badgeId, cardRefs, pinHash, hash, wrongPins, lockedAt, writeId);
    }

    public BadgeFactors withWrongPins(int count, Instant locked) {
        return new BadgeFactors(badgeId, cardRefs, pinHash, duressPinHash, count, locked, writeId);
    }

    public BadgeFactors withWriteId(String id) {
        return new BadgeFactors(badgeId, cardRefs, pinHash, duressPinHash, wrongPins, lockedAt, id);
    }
}

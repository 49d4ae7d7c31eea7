package com.facegate.cloud.enroll;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.Argon2id;
import com.facegate.cloud.registry.BadgeFactors;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.Cards;
import com.facegate.cloud.registry.FactorStore;
import com.facegate.cloud.registry.Registry;
import com.facegate.cloud.registry.RegistryUnavailableException;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.PinSeal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The admin's operations on a badge's second factors: cards (added to the card index first, so a card is never held
 * by two badges), the PIN and the duress PIN (hashed here, never stored or logged in clear) and unlocking a PIN
 * locked by wrong tries. Every change is audited by badge id; no PIN and no card number reaches a record.
 */
public final class FactorAdmin {
    private static final int WRITE_ATTEMPTS = 8;

    private final Registry registry;
    private final FactorStore store;
    private final AuditWriter audit;
    private final Clock clock;

    public FactorAdmin(CloudConfig config, CloudClients clients, Clock clock) {
        this.registry = new Registry(clients.s3(), config.bucket(), clock, Duration.ZERO);
        this.store = new FactorStore(clients.s3(), config.bucket(), registry);
        this.audit = new AuditWriter(clients.s3(), config.bucket(), clock, AwsRetries.standard());
        this.clock = clock;
    }

    /** Gives the badge this card; refused when another badge holds it (remove it there first). */
    public void addCard(String badgeId, String card, String requestedBy) {
        requireBadge(badgeId);
        String ref = Cards.ref(card);
        if (!store.claimCard(ref, badgeId)) {
            throw new IllegalArgumentException("card is already held by another badge");
        }
        update(badgeId, f -> {
            List<String> refs = new ArrayList<>(f.cardRefs());
            if (!refs.contains(ref)) {
                refs.add(ref);
            }
            return f.withCardRefs(refs);
        });
        audited(badgeId, "CARD_ADDED", requestedBy, Map.of("cardRef", ref));
    }

    public void removeCard(String badgeId, String card, String requestedBy) {
        String ref = Cards.ref(card);
        if (store.holderOf(ref).filter(badgeId::equals).isEmpty()) {
            throw new IllegalArgumentException("badge " + badgeId + " does not hold this card");
        }
        update(badgeId, f -> f.withCardRefs(f.cardRefs().stream().filter(r -> !r.equals(ref)).toList()));
        store.releaseCard(ref);
        audited(badgeId, "CARD_REMOVED", requestedBy, Map.of("cardRef", ref));
    }

    /** Sets the PIN (and clears any wrong-PIN count and lock); the caller clears {@code digits} afterwards. */
    public void setPin(String badgeId, char[] digits, String requestedBy) {
        requireBadge(badgeId);
        requireDigits(digits);
        String hash = Argon2id.hash(digits);
        update(badgeId, f -> {
            if (Argon2id.verify(digits, f.duressPinHash())) {
                throw new IllegalArgumentException("the PIN must differ from the duress PIN");
            }
            return f.withPinHash(hash);
        });
        audited(badgeId, "PIN_SET", requestedBy, Map.of());
    }

    /** Sets the duress PIN: it opens as the PIN does and raises a silent DURESS alarm. */
    public void setDuressPin(String badgeId, char[] digits, String requestedBy) {
        requireBadge(badgeId);
        requireDigits(digits);
        String hash = Argon2id.hash(digits);
        update(badgeId, f -> {
            if (Argon2id.verify(digits, f.pinHash())) {
                throw new IllegalArgumentException("the duress PIN must differ from the PIN");
            }
            return f.withDuressPinHash(hash);
        });
        audited(badgeId, "DURESS_PIN_SET", requestedBy, Map.of());
    }

    /** Ends a lock-out: the count goes back to zero and the right PIN opens again. */
    public void unlockPin(String badgeId, String requestedBy) {
        requireBadge(badgeId);
        BadgeFactors before = store.factors(badgeId).factors();
        update(badgeId, f -> f.withWrongPins(0, null));
        audit.write(AuditEvent.of(null, AuditEvent.Type.PIN_UNLOCKED, AuditEvent.SOURCE_CLOUD, clock.instant())
                .withBadge(badgeId, null).withRequest(null, requestedBy)
                .withDetails(Map.of("wasLocked", Boolean.toString(before.lockedAt() != null),
                        "wrongPins", Integer.toString(before.wrongPins()))));
    }

    /** The badge's factors as stored (hashes, card references, count, lock). */
    public BadgeFactors factors(String badgeId) {
        return store.factors(BadgeIds.require(badgeId)).factors();
    }

    private void update(String badgeId, UnaryOperator<BadgeFactors> change) {
        for (int i = 0; i < WRITE_ATTEMPTS; i++) {
            FactorStore.Stored read = store.factors(badgeId);
            if (store.replace(read, change.apply(read.factors()))) {
                return;
            }
        }
        throw new RegistryUnavailableException("the factors of badge " + badgeId + " kept changing", null);
    }

    private void requireBadge(String badgeId) {
        if (registry.badge(BadgeIds.require(badgeId)).isEmpty()) {
            throw new IllegalArgumentException("no such badge: " + badgeId);
        }
    }

    private static void requireDigits(char[] digits) {
        if (!PinSeal.validDigits(digits)) {
            throw new IllegalArgumentException("a PIN is " + PinSeal.MIN_DIGITS + " to " + PinSeal.MAX_DIGITS
                    + " digits");
        }
    }

    private void audited(String badgeId, String what, String requestedBy, Map<String, String> details) {
        audit.write(AuditEvent.of(null, AuditEvent.Type.FACTORS_CHANGED, AuditEvent.SOURCE_CLOUD, clock.instant())
                .withBadge(badgeId, null).withRequest(null, requestedBy)
                .withReason(what).withDetails(details));
    }
}

package com.facegate.cloud.access.factors;

import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.Argon2id;
import com.facegate.cloud.registry.BadgeFactors;
import com.facegate.cloud.registry.FactorStore;
import com.facegate.cloud.registry.RegistryUnavailableException;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Reasons;
import java.time.Clock;
import java.util.Map;

/**
 * Checks a badge's PIN and keeps its wrong-PIN count: each wrong PIN is counted with a conditional write (two
 * visits at once both count), the count reaching the limit locks the PIN (audited {@code PIN_LOCKED}) and a locked
 * PIN refuses even the right one until an admin unlocks it. A right PIN resets the count. The duress PIN opens as
 * the right one does and the caller raises the silent alarm. Both hashes are always computed, so the time taken
 * does not tell a duress PIN from the right one.
 */
public final class PinCheck {
    /** What the PIN was. {@code LOCKED_NOW}: this wrong PIN reached the limit. */
    public enum Outcome { RIGHT, DURESS, WRONG, LOCKED_NOW, LOCKED, NOT_SET }

    private static final int WRITE_ATTEMPTS = 8;

    private final FactorStore store;
    private final AuditWriter audit;
    private final int maxWrongPins;
    private final Clock clock;

    public PinCheck(FactorStore store, AuditWriter audit, int maxWrongPins, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.maxWrongPins = maxWrongPins;
        this.clock = clock;
    }

    public Outcome check(String badgeId, char[] digits, CaptureKey capture) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            FactorStore.Stored stored = store.factors(badgeId);
            BadgeFactors f = stored.factors();
            if (f.pinHash() == null) {
                return Outcome.NOT_SET;
            }
            if (f.lockedAt() != null) {
                return Outcome.LOCKED;
            }
            boolean right = Argon2id.verify(digits, f.pinHash());
            boolean duress = Argon2id.verify(digits, f.duressPinHash() == null ? f.pinHash() : f.duressPinHash())
                    && f.duressPinHash() != null;
            if (right || duress) {
                if (f.wrongPins() == 0 || store.replace(stored, f.withWrongPins(0, null))) {
                    return right ? Outcome.RIGHT : Outcome.DURESS;
                }
                continue; // the count changed meanwhile: read it again
            }
            int wrong = f.wrongPins() + 1;
            boolean lock = wrong >= maxWrongPins;
            if (!store.replace(stored, f.withWrongPins(wrong, lock ? clock.instant() : null))) {
                continue;
            }
            if (lock) {
                audit.writeNamed(AuditEvent.of(capture.doorId(), AuditEvent.Type.PIN_LOCKED, AuditEvent.SOURCE_CLOUD,
                                clock.instant()).withCapture(capture.captureId()).withBadge(badgeId, null)
                        .withReason(Reasons.PIN_LOCKED).withDetails(Map.of("wrongPins", Integer.toString(wrong))),
                        "pin-locked_" + badgeId + "_" + capture.captureId());
                return Outcome.LOCKED_NOW;
            }
            return Outcome.WRONG;
        }
        throw new RegistryUnavailableException("the PIN count of badge " + badgeId + " kept changing", null);
    }
}

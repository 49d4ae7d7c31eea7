package com.facegate.cloud.access.factors;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.AccessVerdict;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.AccessRules;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.FactorStore;
import com.facegate.cloud.registry.Registry;
import com.facegate.cloud.registry.RegistryUnavailableException;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Reasons;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.Image;

/**
 * The door's mode at the moment of the capture, and what it asks besides a face. A FACE door is decided by the face
 * search alone, as before (a card or PIN presented there is ignored). Otherwise: a card names the badge, whose
 * registry rules apply, then its face is verified 1:1 ({@link OneToOne}) when the mode needs a face, then its PIN
 * when the mode needs one; with no card, the face search names the badge and the PIN follows. Each missing factor
 * is a DENY naming it. Every verdict carries in its details the mode, what was presented and what failed (never a
 * PIN, and a card only as its reference), which the decision's audit record keeps.
 */
public final class SecondFactors {
    private static final Set<String> NO_FACE_SEEN = Set.of(Reasons.NO_FACE, Reasons.INVALID_IMAGE,
            Reasons.IMAGE_TOO_LARGE);

    private final Registry registry;
    private final FactorStore store;
    private final PinCheck pins;
    private final PinOpener opener;
    private final OneToOne oneToOne;
    private final AuditWriter audit;
    private final Clock clock;

    public SecondFactors(CloudConfig config, Registry registry, FactorStore store, PinOpener opener, OneToOne oneToOne,
                         AuditWriter audit, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.pins = new PinCheck(store, audit, config.maxWrongPins(), clock);
        this.opener = opener;
        this.oneToOne = oneToOne;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Decides one capture. {@code faceSearch} is the face-only decision (1:N); {@code screen} the face screen
     * (one face, quality, liveness) a 1:1 verification must pass as well.
     */
    public AccessVerdict decide(Door door, CaptureKey capture, Map<String, String> metadata, Image image,
                                Function<DetectFacesResponse, Optional<AccessVerdict>> screen,
                                Supplier<AccessVerdict> faceSearch) {
        Instant now = clock.instant();
        DoorMode mode = door.modeAt(now);
        if (mode == DoorMode.FACE) {
            return faceSearch.get();
        }
        CaptureFactors.Read read = CaptureFactors.read(metadata, capture, opener, now);
        if (read.refused() != null) {
            String failed = Reasons.BAD_CARD.equals(read.refused().reason()) ? "card" : "pin";
            return with(read.refused(), mode, failed, failed);
        }
        CaptureFactors presented = read.factors();
        try {
            return presented.hasCard() ? byCard(door, mode, capture, presented, image, screen)
                    : byFace(mode, capture, presented, faceSearch);
        } finally {
            presented.clear();
        }
    }

    private AccessVerdict byFace(DoorMode mode, CaptureKey capture, CaptureFactors presented,
                                 Supplier<AccessVerdict> faceSearch) {
        String pin = presented.hasPin() ? "pin" : "";
        if (mode.needsCard()) {
            return with(AccessVerdict.deny(Reasons.CARD_REQUIRED), mode, pin, "card");
        }
        AccessVerdict face = faceSearch.get();
        boolean seen = !NO_FACE_SEEN.contains(face.reason());
        String shown = join(seen ? "face" : "", pin);
        if (Reasons.NO_FACE.equals(face.reason())) {
            return with(new AccessVerdict(false, Reasons.FACE_REQUIRED, null, null, face.details()), mode, shown,
                    "face");
        }
        if (!face.grant()) {
            return with(face, mode, shown, "face");
        }
        if (!mode.needsPin()) {
            return with(face, mode, shown, "");
        }
        return pinStep(mode, capture, presented, face.badgeId(), face.similarity(), shown, null);
    }

    private AccessVerdict byCard(Door door, DoorMode mode, CaptureKey capture, CaptureFactors presented, Image image,
                                 Function<DetectFacesResponse, Optional<AccessVerdict>> screen) {
        String cardRef = presented.cardRef();
        String shown = join("card", presented.hasPin() ? "pin" : "");
        Optional<String> holder;
        Optional<Badge> badge;
        try {
            holder = store.holderOf(cardRef);
            badge = holder.isEmpty() ? Optional.empty() : registry.badge(holder.get());
        } catch (RegistryUnavailableException e) {
            return with(AccessVerdict.deny(Reasons.REGISTRY_UNAVAILABLE, "card lookup failed"), mode, shown, "",
                    cardRef);
        }
        if (holder.isEmpty()) {
            return with(AccessVerdict.deny(Reasons.UNKNOWN_CARD), mode, shown, "card", cardRef);
        }
        if (badge.isEmpty()) {
            return with(AccessVerdict.deny(Reasons.BADGE_UNKNOWN, holder.get(), null), mode, shown, "card", cardRef);
        }
        String badgeId = badge.get().badgeId();
        Optional<String> refused = AccessRules.denyReason(badge.get(), door, clock.instant());
        if (refused.isPresent()) {
            return with(AccessVerdict.deny(refused.get(), badgeId, null), mode, shown, "card", cardRef);
        }
        Double similarity = null;
        if (mode.needsFace()) {
            OneToOne.Result face = oneToOne.verify(badgeId, image, screen);
            shown = face.faceSeen() ? join("card", "face", presented.hasPin() ? "pin" : "") : shown;
            if (face.refused() != null) {
                return with(face.refused(), mode, shown, "face", cardRef);
            }
            similarity = face.similarity();
        }
        if (!mode.needsPin()) {
            return with(new AccessVerdict(true, Reasons.MATCHED, badgeId, similarity, Map.of()), mode, shown, "",
                    cardRef);
        }
        return pinStep(mode, capture, presented, badgeId, similarity, shown, cardRef);
    }

    private AccessVerdict pinStep(DoorMode mode, CaptureKey capture, CaptureFactors presented, String badgeId,
                                  Double similarity, String shown, String cardRef) {
        if (!presented.hasPin()) {
            return with(AccessVerdict.deny(Reasons.PIN_REQUIRED, badgeId, similarity), mode, shown, "pin", cardRef);
        }
        PinCheck.Outcome outcome;
        try {
            outcome = pins.check(badgeId, presented.pin().digits(), capture);
        } catch (RegistryUnavailableException e) {
            return with(new AccessVerdict(false, Reasons.REGISTRY_UNAVAILABLE, badgeId, similarity,
                    Map.of("problem", "PIN check failed")), mode, shown, "", cardRef);
        }
        String reason = switch (outcome) {
            case RIGHT, DURESS -> Reasons.MATCHED;
            case WRONG -> Reasons.WRONG_PIN;
            case LOCKED, LOCKED_NOW -> Reasons.PIN_LOCKED;
            case NOT_SET -> Reasons.PIN_NOT_SET;
        };
        if (outcome == PinCheck.Outcome.DURESS) {
            // The silent alarm: its own record; the decision and its audit record read as any grant's.
            audit.writeNamed(AuditEvent.of(capture.doorId(), AuditEvent.Type.DURESS, AuditEvent.SOURCE_CLOUD,
                            clock.instant()).withCapture(capture.captureId()).withBadge(badgeId, similarity)
                    .withReason(Reasons.DURESS).withDetails(Map.of("mode", mode.name())),
                    "duress_" + capture.doorId() + "_" + capture.captureId());
        }
        boolean grant = Reasons.MATCHED.equals(reason);
        return with(new AccessVerdict(grant, reason, badgeId, similarity, Map.of()), mode, shown, grant ? "" : "pin",
                cardRef);
    }

    private static AccessVerdict with(AccessVerdict v, DoorMode mode, String presented, String failed) {
        return with(v, mode, presented, failed, null);
    }

    /** The verdict with what the audit record keeps of the factors. */
    private static AccessVerdict with(AccessVerdict v, DoorMode mode, String presented, String failed,
                                      String cardRef) {
        Map<String, String> details = new LinkedHashMap<>(v.details());
        details.put("mode", mode.name());
        details.put("presented", presented.isEmpty() ? "none" : presented);
        if (!failed.isEmpty()) {
            details.put("failed", failed);
        }
        if (cardRef != null) {
            details.put("cardRef", cardRef);
        }
        return new AccessVerdict(v.grant(), v.reason(), v.badgeId(), v.similarity(), details);
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.append(out.length() == 0 ? "" : ",").append(p);
            }
        }
        return out.toString();
    }
}

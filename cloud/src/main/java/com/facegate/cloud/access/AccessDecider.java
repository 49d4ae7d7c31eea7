package com.facegate.cloud.access;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.ImageHeader;
import com.facegate.cloud.S3Images;
import com.facegate.cloud.access.factors.SecondFactors;
import com.facegate.cloud.access.scale.DoorThresholds;
import com.facegate.cloud.registry.AccessRules;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Registry;
import com.facegate.cloud.registry.RegistryUnavailableException;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.retry.RetryPolicy;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;

/**
 * Decides GRANT or DENY for one capture. Every failure of recognition or registry becomes a DENY with a reason;
 * only a transient failure to read the capture itself throws {@link RetryableCaptureException}. Never a GRANT
 * unless a face matched above the threshold and the registry says this badge may open this door now.
 */
public final class AccessDecider {
    private static final Logger LOG = LoggerFactory.getLogger(AccessDecider.class);
    /**
     * Faces the search returns above the threshold, best first: enough that a door's own people are found behind
     * lookalikes it does not allow (at thresholds of 90 and more a stranger rarely passes more than a few faces).
     */
    static final int MAX_MATCHES = 20;

    private final CloudConfig config;
    private final RekognitionClient rekognition;
    private final S3Images images;
    private final Registry registry;
    private final FaceScreen screen;
    private final RetryPolicy retries;
    private final Clock clock;
    private final DoorThresholds thresholds;
    private final SecondFactors factors;

    /** {@code factors} decides doors whose mode now asks for more than a face (see {@link SecondFactors}). */
    public AccessDecider(CloudConfig config, RekognitionClient rekognition, S3Images images, Registry registry,
                         LivenessCheck liveness, RetryPolicy retries, Clock clock, SecondFactors factors) {
        this.config = config;
        this.rekognition = rekognition;
        this.images = images;
        this.registry = registry;
        this.screen = new FaceScreen(config, liveness);
        this.retries = retries;
        this.clock = clock;
        this.thresholds = DoorThresholds.of(config, registry, clock);
        this.factors = factors;
    }

    /** The reads a decision starts with, under way beside the claim (see {@link #startReads}). */
    public record Reads(String bucket, CaptureKey capture, CompletableFuture<Optional<Door>> door,
                        CompletableFuture<S3Images.Fetched> image) {
        /** Waits for both reads however they end (when the claim was lost and they are not needed). */
        public void settle() {
            SideCalls.settle(door);
            SideCalls.settle(image);
        }
    }

    /**
     * Starts reading the door's registry entry and the capture at once, so that they overlap the ledger claim:
     * reading is not deciding, and a delivery that then loses the claim has only wasted two GETs.
     */
    public Reads startReads(String bucket, CaptureKey capture) {
        return new Reads(bucket, capture,
                CompletableFuture.supplyAsync(() -> registry.door(capture.doorId()), SideCalls.POOL),
                CompletableFuture.supplyAsync(() -> images.fetch(bucket, capture.key()), SideCalls.POOL));
    }

    public AccessVerdict decide(String bucket, CaptureKey capture) {
        return decide(startReads(bucket, capture));
    }

    public AccessVerdict decide(Reads reads) {
        String bucket = reads.bucket();
        CaptureKey capture = reads.capture();
        Optional<Door> door;
        try {
            door = SideCalls.join(reads.door());
        } catch (RegistryUnavailableException e) {
            return AccessVerdict.deny(Reasons.REGISTRY_UNAVAILABLE, "door lookup failed");
        }
        if (door.isEmpty()) {
            return AccessVerdict.deny(Reasons.UNKNOWN_DOOR);
        }
        S3Images.Fetched image;
        try {
            image = SideCalls.join(reads.image());
        } catch (SdkException e) {
            throw new RetryableCaptureException("cannot read capture", e);
        }
        switch (image.status()) {
            case MISSING:
                return AccessVerdict.deny(Reasons.INVALID_IMAGE, "capture object missing");
            case EMPTY:
                return AccessVerdict.deny(Reasons.INVALID_IMAGE, "empty capture");
            case TOO_LARGE:
                return AccessVerdict.deny(Reasons.IMAGE_TOO_LARGE, "capture over 15 MB");
            default:
                break;
        }
        switch (ImageHeader.read(image.bytes()).check()) {
            case NOT_AN_IMAGE:
                return AccessVerdict.deny(Reasons.INVALID_IMAGE, "not a JPEG/PNG image");
            case TOO_LARGE:
                return AccessVerdict.deny(Reasons.IMAGE_TOO_LARGE, "image dimensions too large");
            default:
                break;
        }
        Image rekImage = S3Images.rekognitionImage(bucket, capture.key(), image);
        Map<String, String> metadata = image.metadata();
        // The liveness score the face was judged by goes into the decision's audit record beside the similarity,
        // so that a reviewer of the feed sees both (on DENY LOW_LIVENESS too).
        AtomicReference<Double> liveness = new AtomicReference<>();
        AccessVerdict v = factors.decide(door.get(), capture, metadata, rekImage,
                detected -> screen.screen(detected, metadata, liveness::set),
                () -> faceSearch(door.get(), capture, rekImage, metadata, liveness::set));
        Double score = liveness.get();
        return score == null ? v : v.withDetail(CaptureMetadata.LIVENESS, Long.toString(Math.round(score)));
    }

    /** The face-only decision: the face found 1:N in the collection, and that badge's registry rules. */
    private AccessVerdict faceSearch(Door door, CaptureKey capture, Image rekImage, Map<String, String> metadata,
                                     DoubleConsumer livenessSeen) {
        float counted;
        try {
            counted = (float) thresholds.threshold(door);
        } catch (RegistryUnavailableException e) {
            return AccessVerdict.deny(Reasons.REGISTRY_UNAVAILABLE, "cannot count the people allowed at the door");
        }
        float threshold = counted;
        try {
            // The search runs beside the screening call rather than after it: the visit waits for one
            // recognition round trip, not two. Its answer is dropped when the screen denies.
            CompletableFuture<SearchFacesByImageResponse> search = CompletableFuture.supplyAsync(() -> retries.call(
                    () -> rekognition.searchFacesByImage(b -> b.collectionId(config.collectionId()).image(rekImage)
                            .maxFaces(MAX_MATCHES).faceMatchThreshold(threshold))), SideCalls.POOL);
            DetectFacesResponse detected;
            try {
                detected = retries.call(() -> rekognition.detectFaces(b -> b.image(rekImage)
                        .attributes(Attribute.DEFAULT)));
            } finally {
                SideCalls.settle(search); // the search's retries end inside this decision, whatever detect did
            }
            Optional<AccessVerdict> screened = screen.screen(detected, metadata, livenessSeen);
            if (screened.isPresent()) {
                return screened.get();
            }
            SearchFacesByImageResponse found = SideCalls.join(search);
            List<FaceMatch> matches = found.faceMatches().stream()
                    .filter(m -> m.similarity() != null && m.similarity() >= threshold && m.face() != null)
                    .sorted((a, b) -> Float.compare(b.similarity(), a.similarity())).toList();
            if (matches.isEmpty()) {
                return AccessVerdict.deny(Reasons.NO_MATCH);
            }
            return checkMatches(door, matches);
        } catch (InvalidImageFormatException e) {
            return AccessVerdict.deny(Reasons.INVALID_IMAGE, "unsupported or corrupt image");
        } catch (ImageTooLargeException e) {
            return AccessVerdict.deny(Reasons.IMAGE_TOO_LARGE, "rejected by recognition as too large");
        } catch (InvalidParameterException e) {
            // Rekognition's answer when no face is found in the search image.
            return AccessVerdict.deny(Reasons.NO_FACE, "no face found by search");
        } catch (InvalidS3ObjectException e) {
            return AccessVerdict.deny(Reasons.INVALID_IMAGE, "recognition cannot read the capture object");
        } catch (SdkException e) {
            // Throttling after bounded retries, collection missing, network: deny now; a retry a minute later
            // would be far past the capture's deadline.
            LOG.warn("recognition unavailable for door {}: {}", capture.doorId(), e.getClass().getSimpleName());
            return AccessVerdict.deny(Reasons.RECOGNITION_UNAVAILABLE, e.getClass().getSimpleName());
        }
    }

    /**
     * The door compares the face only with the people it allows (group-scoped search): the best match whose badge
     * may open it now is granted, else the best match's denial stands (a registry failure on any of them wins:
     * the door cannot tell whether a match it could not check was allowed). One search with
     * {@link #MAX_MATCHES} and this filter gives the scores a per-group collection would, without indexing a face
     * once per group (docs/face-engine.md, "Door groups").
     */
    private AccessVerdict checkMatches(Door door, List<FaceMatch> matches) {
        AccessVerdict first = null;
        Set<String> seen = new HashSet<>();
        for (FaceMatch m : matches) {
            String badgeId = m.face().externalImageId() != null ? m.face().externalImageId() : m.face().userId();
            if (badgeId != null && !seen.add(badgeId)) {
                continue; // the badge's best photo was already checked
            }
            AccessVerdict v = checkBadge(door, m);
            if (v.grant() || Reasons.REGISTRY_UNAVAILABLE.equals(v.reason())) {
                return v;
            }
            first = first == null ? v : first;
        }
        return first;
    }

    private AccessVerdict checkBadge(Door door, FaceMatch match) {
        String badgeId = match.face().externalImageId();
        if (badgeId == null) {
            badgeId = match.face().userId();
        }
        double similarity = match.similarity();
        if (badgeId == null) {
            return AccessVerdict.deny(Reasons.BADGE_UNKNOWN, null, similarity);
        }
        Optional<Badge> badge;
        try {
            badge = registry.badge(badgeId);
        } catch (RegistryUnavailableException e) {
            return new AccessVerdict(false, Reasons.REGISTRY_UNAVAILABLE, badgeId, similarity,
                    Map.of("problem", "badge lookup failed"));
        }
        if (badge.isEmpty()) {
            return AccessVerdict.deny(Reasons.BADGE_UNKNOWN, badgeId, similarity);
        }
        Optional<String> refused = AccessRules.denyReason(badge.get(), door, clock.instant());
        // The matched face's id (opaque, not biometric) lets a reviewer open the enrolled photo it came from.
        Map<String, String> matched = match.face().faceId() == null ? Map.of()
                : Map.of("matchedFace", match.face().faceId());
        String id = badge.get().badgeId();
        return refused.map(r -> new AccessVerdict(false, r, id, similarity, matched))
                .orElseGet(() -> new AccessVerdict(true, Reasons.MATCHED, id, similarity, matched));
    }
}

package com.facegate.cloud.access.factors;

import com.facegate.cloud.access.AccessVerdict;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.retry.RetryPolicy;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;

/**
 * Does the face in the capture belong to the badge the card names? SearchFacesByImage over the collection with a
 * few candidates, keeping only the matches whose face is that badge's: the registry keeps no enrollment photos, so
 * CompareFaces would have nothing to compare against, while the collection holds every face of the badge and one
 * call weighs them all. The threshold is the site's fixed match threshold, not the 1:N one raised for gallery size:
 * in 1:1 a stranger must resemble one named person, so the per-pair false-accept rate is the visit's (at 99 on this
 * engine, 8.6e-6 per pair on ../shared/faces), whatever the number of people enrolled.
 */
public final class OneToOne {
    /** Enough that the badge's own faces are among the candidates even when look-alikes score above them. */
    static final int CANDIDATES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(OneToOne.class);

    /** {@code refused} null: verified at {@code similarity}. {@code faceSeen}: a face was in the capture. */
    public record Result(AccessVerdict refused, Double similarity, boolean faceSeen) {}

    private final RekognitionClient rekognition;
    private final String collectionId;
    private final float threshold;
    private final RetryPolicy retries;

    public OneToOne(RekognitionClient rekognition, String collectionId, float threshold, RetryPolicy retries) {
        this.rekognition = rekognition;
        this.collectionId = collectionId;
        this.threshold = threshold;
        this.retries = retries;
    }

    public Result verify(String badgeId, Image image, Function<DetectFacesResponse, Optional<AccessVerdict>> screen) {
        try {
            DetectFacesResponse detected = retries.call(() -> rekognition.detectFaces(b -> b.image(image)
                    .attributes(Attribute.DEFAULT)));
            if (detected.faceDetails().isEmpty()) {
                return new Result(AccessVerdict.deny(Reasons.FACE_REQUIRED, badgeId, null), null, false);
            }
            Optional<AccessVerdict> screened = screen.apply(detected);
            if (screened.isPresent()) {
                AccessVerdict s = screened.get();
                return new Result(new AccessVerdict(false, s.reason(), badgeId, s.similarity(), s.details()), null,
                        true);
            }
            SearchFacesByImageResponse found = retries.call(() -> rekognition.searchFacesByImage(b -> b
                    .collectionId(collectionId).image(image).maxFaces(CANDIDATES).faceMatchThreshold(threshold)));
            Optional<FaceMatch> own = found.faceMatches().stream()
                    .filter(m -> m.similarity() != null && m.similarity() >= threshold && m.face() != null)
                    .filter(m -> badgeId.equals(m.face().externalImageId()) || badgeId.equals(m.face().userId()))
                    .max(Comparator.comparing(FaceMatch::similarity));
            if (own.isPresent()) {
                return new Result(null, own.get().similarity().doubleValue(), true);
            }
            // Whose face it was instead, when it is someone enrolled: an id, never a name, for whoever investigates.
            Map<String, String> details = found.faceMatches().stream().filter(m -> m.face() != null
                            && m.face().externalImageId() != null).findFirst()
                    .map(m -> Map.of("faceBadge", m.face().externalImageId())).orElse(Map.of());
            return new Result(new AccessVerdict(false, Reasons.FACE_CARD_MISMATCH, badgeId, null, details), null, true);
        } catch (InvalidParameterException e) {
            return new Result(AccessVerdict.deny(Reasons.FACE_REQUIRED, badgeId, null), null, false);
        } catch (InvalidImageFormatException e) {
            return new Result(new AccessVerdict(false, Reasons.INVALID_IMAGE, badgeId, null,
                    Map.of("problem", "unsupported or corrupt image")), null, false);
        } catch (ImageTooLargeException e) {
            return new Result(new AccessVerdict(false, Reasons.IMAGE_TOO_LARGE, badgeId, null, Map.of()), null, false);
        } catch (SdkException e) {
            LOG.warn("recognition unavailable for a 1:1 check: {}", e.getClass().getSimpleName());
            return new Result(new AccessVerdict(false, Reasons.RECOGNITION_UNAVAILABLE, badgeId, null,
                    Map.of("problem", e.getClass().getSimpleName())), null, false);
        }
    }
}

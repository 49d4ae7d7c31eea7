package com.facegate.cloud.access;

import com.facegate.cloud.CloudConfig;
import com.facegate.protocol.Reasons;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * The checks made on DetectFaces before any search: a face is there, only one person is in frame (tailgating),
 * the face is sharp and lit well enough, and it is live (by the door's measure or the endpoint's score, as the
 * {@link LivenessCheck} says). Returns the DENY, or empty.
 */
final class FaceScreen {
    /** Rekognition reports faces it is barely sure of; ignore those when counting people. */
    static final float MIN_FACE_CONFIDENCE = 80f;

    private final CloudConfig config;
    private final LivenessCheck liveness;

    FaceScreen(CloudConfig config, LivenessCheck liveness) {
        this.config = config;
        this.liveness = liveness;
    }

    /** {@code metadata}: the capture's S3 user metadata, where the door's liveness measure travels. */
    Optional<AccessVerdict> screen(DetectFacesResponse response, Map<String, String> metadata) {
        return screen(response, metadata, score -> { });
    }

    /**
     * As {@link #screen(DetectFacesResponse, Map)}; {@code livenessSeen} is told the liveness score the face was
     * judged by (when the check has one), so that the decision's audit record shows it beside the similarity.
     */
    Optional<AccessVerdict> screen(DetectFacesResponse response, Map<String, String> metadata,
                                   DoubleConsumer livenessSeen) {
        List<FaceDetail> faces = response.faceDetails();
        if (faces.isEmpty()) {
            return Optional.of(AccessVerdict.deny(Reasons.NO_FACE));
        }
        List<FaceDetail> meaningful = faces.stream()
                .filter(f -> f.confidence() == null || f.confidence() >= MIN_FACE_CONFIDENCE)
                .filter(f -> height(f.boundingBox()) >= config.minFaceFraction())
                .toList();
        if (meaningful.isEmpty()) {
            return Optional.of(AccessVerdict.deny(Reasons.LOW_QUALITY, "face too small or uncertain"));
        }
        if (meaningful.size() > 1 && config.denyMultipleFaces()) {
            return Optional.of(AccessVerdict.deny(Reasons.MULTIPLE_FACES, meaningful.size() + " faces in frame"));
        }
        FaceDetail largest = meaningful.stream().max(Comparator.comparingDouble(f -> area(f.boundingBox()))).get();
        if (largest.quality() != null) {
            Float sharp = largest.quality().sharpness();
            Float bright = largest.quality().brightness();
            if ((sharp != null && sharp < config.minSharpness())
                    || (bright != null && bright < config.minBrightness())) {
                return Optional.of(AccessVerdict.deny(Reasons.LOW_QUALITY, "sharpness/brightness below floor"));
            }
        }
        if (liveness.available()) {
            liveness.score(response, faces.indexOf(largest), metadata).ifPresent(livenessSeen);
            return liveness.refusal(response, faces.indexOf(largest), metadata, config.minLiveness())
                    .map(problem -> AccessVerdict.deny(Reasons.LOW_LIVENESS, problem));
        }
        return Optional.empty();
    }

    private static double height(BoundingBox b) {
        return b == null || b.height() == null ? 0 : b.height();
    }

    private static double area(BoundingBox b) {
        return b == null || b.width() == null || b.height() == null ? 0 : (double) b.width() * b.height();
    }
}

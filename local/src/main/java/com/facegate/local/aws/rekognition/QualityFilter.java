package com.facegate.local.aws.rekognition;

import com.facegate.engine.Face;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.image.ImageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Rekognition's QualityFilter (NONE, AUTO, LOW, MEDIUM, HIGH) over the engine's measurements, naming the reasons a
 * face is not used: EXTREME_POSE, LOW_BRIGHTNESS, LOW_SHARPNESS, LOW_CONFIDENCE, SMALL_BOUNDING_BOX,
 * LOW_FACE_QUALITY. AUTO is MEDIUM. Thresholds were set so frontal LFW faces pass MEDIUM; HIGH suits enrollment.
 */
final class QualityFilter {
    static final String[] LEVELS = {"NONE", "AUTO", "LOW", "MEDIUM", "HIGH"};

    private record Limits(float minConfidence, int minSidePixels, float maxAngle, float minBrightness,
                          float minSharpness, float minCombined) {}

    private static final Limits LOW = new Limits(50, 20, 70, 10, 5, 10);
    private static final Limits MEDIUM = new Limits(75, 40, 50, 20, 10, 20);
    private static final Limits HIGH = new Limits(90, 60, 35, 30, 20, 30);

    private final Limits limits;

    private QualityFilter(Limits limits) {
        this.limits = limits;
    }

    static QualityFilter of(String level) {
        switch (level) {
            case "NONE":
                return new QualityFilter(null);
            case "LOW":
                return new QualityFilter(LOW);
            case "HIGH":
                return new QualityFilter(HIGH);
            default:
                return new QualityFilter(MEDIUM);
        }
    }

    /** Reasons the face fails the filter; empty when it passes. {@code imageSize} may be null (unknown). */
    List<String> reasons(Face face, int[] imageSize) {
        List<String> reasons = new ArrayList<>();
        if (limits == null) {
            return reasons;
        }
        if (face.pose() != null && Math.max(Math.abs(face.pose().yaw()), Math.abs(face.pose().pitch()))
                > limits.maxAngle()) {
            reasons.add("EXTREME_POSE");
        }
        if (face.quality() != null) {
            float brightness = face.quality().brightness();
            float sharpness = face.quality().sharpness();
            if (brightness < limits.minBrightness()) {
                reasons.add("LOW_BRIGHTNESS");
            }
            if (sharpness < limits.minSharpness()) {
                reasons.add("LOW_SHARPNESS");
            }
            if ((brightness + sharpness) / 2 < limits.minCombined()) {
                reasons.add("LOW_FACE_QUALITY");
            }
        }
        if (face.confidence() < limits.minConfidence()) {
            reasons.add("LOW_CONFIDENCE");
        }
        if (imageSize != null) {
            float side = Math.min(face.box().width() * imageSize[0], face.box().height() * imageSize[1]);
            if (side < limits.minSidePixels()) {
                reasons.add("SMALL_BOUNDING_BOX");
            }
        }
        return reasons;
    }

    /** Upright width and height from the image header (no pixel decoding), or null if unreadable or refused. */
    static int[] imageSize(byte[] image) {
        try {
            ImageDecoder.Size size = ImageDecoder.size(image);
            return new int[] {size.width(), size.height()};
        } catch (ImageRejectedException e) {
            return null;
        }
    }
}

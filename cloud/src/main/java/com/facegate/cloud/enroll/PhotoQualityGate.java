package com.facegate.cloud.enroll;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Is this photo good enough to become a reference face? Exactly one face; near-frontal (yaw and pitch within
 * ±30°); big enough; sharp; neither dark nor washed out. Judged on DetectFaces (Attributes ALL). Returns every
 * reason at once so the admin can retake the photo knowing what to fix.
 */
public final class PhotoQualityGate {
    /** Rekognition-style Quality floors (0..100); LFW's median face sharpness on the local engine is about 50. */
    public record Limits(float maxYaw, float maxPitch, float minFaceHeight, int minFacePixels, float minSharpness,
                         float minBrightness, float maxBrightness) {
        public static Limits defaults() {
            return new Limits(30f, 30f, 0.15f, 64, 15f, 15f, 97f);
        }
    }

    private static final float MIN_CONFIDENCE = 80f;
    /** A second face counts if it is at least this fraction of the frame high (a poster in the background is too). */
    private static final float MIN_OTHER_FACE_HEIGHT = 0.05f;

    private final Limits limits;

    public PhotoQualityGate(Limits limits) {
        this.limits = limits;
    }

    /**
     * Why this photo cannot enroll, one reason each; empty when it can.
     *
     * @param imageHeight pixel height from the image header, or 0 when unknown
     */
    public List<String> problems(List<FaceDetail> faces, int imageHeight) {
        List<FaceDetail> real = real(faces);
        if (real.isEmpty()) {
            return List.of(EnrollmentReasons.NO_FACE);
        }
        if (real.size() > 1) {
            return List.of(EnrollmentReasons.MULTIPLE_FACES);
        }
        FaceDetail f = real.get(0);
        List<String> problems = new ArrayList<>();
        if (f.pose() != null && (Math.abs(nz(f.pose().yaw())) > limits.maxYaw()
                || Math.abs(nz(f.pose().pitch())) > limits.maxPitch())) {
            problems.add(EnrollmentReasons.POSE);
        }
        float h = f.boundingBox().height();
        if (h < limits.minFaceHeight() || (imageHeight > 0 && h * imageHeight < limits.minFacePixels())) {
            problems.add(EnrollmentReasons.FACE_TOO_SMALL);
        }
        if (f.quality() != null) {
            if (f.quality().sharpness() != null && f.quality().sharpness() < limits.minSharpness()) {
                problems.add(EnrollmentReasons.BLURRY);
            }
            Float b = f.quality().brightness();
            if (b != null && b < limits.minBrightness()) {
                problems.add(EnrollmentReasons.TOO_DARK);
            } else if (b != null && b > limits.maxBrightness()) {
                problems.add(EnrollmentReasons.TOO_BRIGHT);
            }
        }
        return problems;
    }

    /**
     * How good a reference the photo's face is, 0..100, to rank a badge's photos (the worst is replaced first):
     * sharpness × frontality × exposure, frontality = (1 − |yaw|/90)(1 − |pitch|/90), exposure = 1 − |brightness −
     * 50|/100. An unknown sharpness counts as 0, an unknown pose as frontal, an unknown brightness as 50. Meant for
     * photos {@link #problems} accepts; 0 when the photo does not hold exactly one face.
     */
    public double score(List<FaceDetail> faces) {
        List<FaceDetail> real = real(faces);
        if (real.size() != 1) {
            return 0;
        }
        FaceDetail f = real.get(0);
        double sharpness = f.quality() == null || f.quality().sharpness() == null ? 0 : f.quality().sharpness();
        double brightness = f.quality() == null || f.quality().brightness() == null ? 50 : f.quality().brightness();
        double yaw = f.pose() == null ? 0 : Math.min(90, Math.abs(nz(f.pose().yaw())));
        double pitch = f.pose() == null ? 0 : Math.min(90, Math.abs(nz(f.pose().pitch())));
        double frontal = (1 - yaw / 90) * (1 - pitch / 90);
        double exposure = 1 - Math.min(50, Math.abs(brightness - 50)) / 100;
        return Math.max(0, Math.min(100, sharpness)) * frontal * exposure;
    }

    /** Confident faces big enough to count (a poster in the background is one). */
    private static List<FaceDetail> real(List<FaceDetail> faces) {
        return faces.stream()
                .filter(f -> f.confidence() == null || f.confidence() >= MIN_CONFIDENCE)
                .filter(f -> f.boundingBox() != null && f.boundingBox().height() != null
                        && f.boundingBox().height() >= MIN_OTHER_FACE_HEIGHT)
                .toList();
    }

    private static float nz(Float f) {
        return f == null ? 0f : f;
    }
}

package com.facegate.engine;

import java.util.List;

/**
 * One detected face in Rekognition's terms. Geometry is in ratios of the image (0..1), confidences and quality
 * on 0..100, angles in degrees. {@code embedding} is L2-normalised; {@code attributes} is null unless asked for.
 */
public record Face(
        BoundingBox box,
        float confidence,
        List<Landmark> landmarks,
        Pose pose,
        Quality quality,
        float liveness,
        float[] embedding,
        Attributes attributes) {

    public record BoundingBox(float left, float top, float width, float height) {
        public float area() {
            return width * height;
        }
    }

    /** Rekognition landmark types: eyeLeft, eyeRight, nose, mouthLeft, mouthRight (and more when available). */
    public record Landmark(String type, float x, float y) {}

    public record Pose(float roll, float yaw, float pitch) {}

    public record Quality(float brightness, float sharpness) {}

    public record Attributes(
            int ageLow,
            int ageHigh,
            String gender,
            float genderConfidence,
            List<Emotion> emotions,
            boolean eyesOpen,
            float eyesOpenConfidence,
            Boolean smile,
            float smileConfidence,
            Boolean mouthOpen,
            float mouthOpenConfidence) {}

    /** Rekognition emotion types: HAPPY, SAD, ANGRY, CONFUSED, DISGUSTED, SURPRISED, CALM, FEAR. */
    public record Emotion(String type, float confidence) {}
}

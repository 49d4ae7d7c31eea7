package com.facegate.engine.liveness;

import com.facegate.engine.Face;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A face's landmarks in pixels of its frame, by Rekognition name, for the motion and blink cues. */
public final class FacePoints {
    /** The points the motion cue follows: both eyes' corners and lids, nose tip, mouth corners and lips, chin. */
    public static final List<String> TRACKED = List.of("leftEyeLeft", "leftEyeRight", "leftEyeUp", "leftEyeDown",
            "rightEyeLeft", "rightEyeRight", "rightEyeUp", "rightEyeDown", "nose", "mouthLeft", "mouthRight",
            "mouthUp", "mouthDown", "chinBottom");

    private final Map<String, double[]> points;

    private FacePoints(Map<String, double[]> points) {
        this.points = points;
    }

    /** Empty when the face lacks a tracked landmark (an engine without eye-lid landmarks). */
    public static Optional<FacePoints> of(Face face, int width, int height) {
        Map<String, double[]> m = new HashMap<>();
        for (Face.Landmark l : face.landmarks()) {
            m.put(l.type(), new double[] {l.x() * width, l.y() * height});
        }
        if (!m.keySet().containsAll(TRACKED) || !m.containsKey("eyeLeft") || !m.containsKey("eyeRight")) {
            return Optional.empty();
        }
        return Optional.of(new FacePoints(m));
    }

    /** {x0, y0, x1, y1, ...} of {@link #TRACKED}, in that order. */
    public double[] tracked() {
        double[] out = new double[2 * TRACKED.size()];
        for (int i = 0; i < TRACKED.size(); i++) {
            double[] p = points.get(TRACKED.get(i));
            out[2 * i] = p[0];
            out[2 * i + 1] = p[1];
        }
        return out;
    }

    /** Distance between the eye centres in pixels: the face's scale. */
    public double eyeDistance() {
        double[] l = points.get("eyeLeft"), r = points.get("eyeRight");
        return Math.hypot(r[0] - l[0], r[1] - l[1]);
    }

    /** Eye aspect ratio, both eyes' mean (see {@link Blink#openness}). */
    public double eyeOpenness() {
        return Blink.openness(eye("leftEye"), eye("rightEye"));
    }

    private double[] eye(String prefix) {
        double[] a = points.get(prefix + "Left"), b = points.get(prefix + "Right"), u = points.get(prefix + "Up"),
                d = points.get(prefix + "Down");
        return new double[] {a[0], a[1], b[0], b[1], u[0], u[1], d[0], d[1]};
    }
}

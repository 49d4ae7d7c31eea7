package com.facegate.engine.pipeline;

/**
 * Cheap measures from the 68 landmarks: head pose estimate, eye aspect ratio (open/closed eyes) and mouth
 * opening. Used on every face (DEFAULT detail) where running the pose network would blow the latency budget.
 */
public final class FaceGeometry {
    private FaceGeometry() {}

    /** Roll in degrees from the eye line (positive = clockwise in the image). */
    public static float roll(Landmarks68.Result l) {
        double[] p = l.fivePoints();
        return (float) Math.toDegrees(Math.atan2(p[3] - p[1], p[2] - p[0]));
    }

    /**
     * Yaw in degrees on fr_pose's scale, from where the nose tip sits between the jaw edges: the raw angle
     * regressed onto fr_pose's yaw over 300 LFW faces (slope −0.58, correlation 0.65). A rough estimate.
     */
    public static float yaw(Landmarks68.Result l) {
        return -0.58f * rawYaw(l);
    }

    /** Pitch in degrees on fr_pose's scale (raw estimate regressed on fr_pose over LFW: slope 0.42, r 0.76). */
    public static float pitch(Landmarks68.Result l) {
        return 0.42f * (rawPitch(l) - 4.6f) - 4.3f;
    }

    static float rawYaw(Landmarks68.Result l) {
        double left = l.x(0), right = l.x(16), nose = l.x(30);
        double w = right - left;
        if (w <= 0) {
            return 0;
        }
        double r = 2 * (nose - left) / w - 1;
        return (float) Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, r))));
    }

    /** Pitch from the nose tip's height between the eye line and the mouth ({@code NEUTRAL} ratio = 0). */
    static float rawPitch(Landmarks68.Result l) {
        double[] p = l.fivePoints();
        double eyeY = (p[1] + p[3]) / 2, mouthY = (p[7] + p[9]) / 2, noseY = p[5];
        double h = mouthY - eyeY;
        if (h <= 0) {
            return 0;
        }
        double r = (noseY - eyeY) / h - NEUTRAL;
        return (float) Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, -2 * r))));
    }

    static final double NEUTRAL = 0.55;

    /** Eye aspect ratio (Soukupová & Čech), mean of both eyes; ~0.3 open, below ~0.15 closed. */
    public static float eyeAspectRatio(Landmarks68.Result l) {
        return (float) ((ear(l, 36) + ear(l, 42)) / 2);
    }

    private static double ear(Landmarks68.Result l, int s) {
        double v1 = dist(l, s + 1, s + 5), v2 = dist(l, s + 2, s + 4), h = dist(l, s, s + 3);
        return h <= 0 ? 0 : (v1 + v2) / (2 * h);
    }

    /** Inner-lip gap over mouth width; above ~0.15 the mouth is open. */
    public static float mouthOpening(Landmarks68.Result l) {
        double gap = dist(l, 62, 66), width = dist(l, 48, 54);
        return width <= 0 ? 0 : (float) (gap / width);
    }

    private static double dist(Landmarks68.Result l, int a, int b) {
        return Math.hypot(l.x(a) - l.x(b), l.y(a) - l.y(b));
    }
}

package com.facegate.device.gate;

import com.facegate.engine.Face;

/**
 * How good a face is for recognition: larger, sharper, more frontal, eyes open. The product (not a sum) so that
 * one bad property (a profile view) sinks a frame however large the face is.
 */
public final class FrameScore {
    private FrameScore() {}

    public static double of(Face f) {
        double size = Math.sqrt(Math.max(0, f.box().area()));
        double sharp = f.quality() == null ? 0.5 : 0.25 + 0.75 * clamp(f.quality().sharpness() / 100.0);
        double frontal = 1;
        if (f.pose() != null) {
            frontal = Math.max(0, Math.cos(Math.toRadians(f.pose().yaw())))
                    * Math.max(0, Math.cos(Math.toRadians(f.pose().pitch())));
        }
        double eyes = 1;
        if (f.attributes() != null && !f.attributes().eyesOpen()) {
            eyes = 0.3;
        }
        return size * sharp * frontal * frontal * eyes * (f.confidence() / 100.0);
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : Math.min(1, v);
    }
}

package com.facegate.engine.liveness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated landmark sequences: a face's 14 tracked points, moved as a plane or as a head. */
final class FacePlanes {
    /** A frontal face's tracked points (pixels, eye distance 60) and how far each stands out of the eyes' plane. */
    static final double[] POINTS = {
        70, 100, 90, 100, 80, 96, 80, 104,   // image-left eye: corners, lid up, lid down
        130, 100, 150, 100, 140, 96, 140, 104, // image-right eye
        110, 135,                            // nose tip
        88, 160, 132, 160, 110, 155, 110, 165, // mouth corners, lips
        110, 200};                           // chin
    static final double[] DEPTH = {5, 2, 4, 4, 2, 5, 4, 4, 30, 8, 8, 10, 10, 5};

    private FacePlanes() {}

    /** A flat picture carried and tilted: every frame a homography of the first, with landmark noise. */
    static List<double[]> rigid(int frames, double noise, long seed) {
        Random r = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            double t = f / (double) (frames - 1);
            double[] h = {1 + 0.1 * t, 0.08 * t, 30 * t, -0.05 * t, 1 + 0.06 * t, 12 * t, 0.0006 * t, -0.0004 * t};
            out.add(jitter(map(h, POINTS), noise, r));
        }
        return out;
    }

    /** A head turning by up to {@code yawDegrees}: points move with their depth (parallax), not as a plane. */
    static List<double[]> turningHead(int frames, double yawDegrees, double noise, long seed) {
        Random r = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            double yaw = Math.toRadians(yawDegrees * f / (frames - 1));
            double[] p = new double[POINTS.length];
            for (int i = 0; i < POINTS.length / 2; i++) {
                double x = POINTS[2 * i] - 110, z = DEPTH[i];
                p[2 * i] = 110 + x * Math.cos(yaw) + z * Math.sin(yaw) + 8 * f;
                p[2 * i + 1] = POINTS[2 * i + 1];
            }
            out.add(jitter(p, noise, r));
        }
        return out;
    }

    static double[] map(double[] h, double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length / 2; i++) {
            double x = p[2 * i], y = p[2 * i + 1];
            double w = h[6] * x + h[7] * y + 1;
            out[2 * i] = (h[0] * x + h[1] * y + h[2]) / w;
            out[2 * i + 1] = (h[3] * x + h[4] * y + h[5]) / w;
        }
        return out;
    }

    private static double[] jitter(double[] p, double noise, Random r) {
        double[] out = p.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += noise * r.nextGaussian();
        }
        return out;
    }
}

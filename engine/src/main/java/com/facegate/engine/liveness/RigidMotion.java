package com.facegate.engine.liveness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Whether the landmarks of an approach move as one plane. A printed or on-screen face that is carried, tilted or
 * turned moves only through a homography; a real head turning shows parallax (the nose against the cheeks) and
 * the face moves on its own (lids, lips), so the best plane misses the points by more. Only frames that moved far
 * enough from the first are judged: a still person and a still picture look alike, and then the cue says nothing.
 */
public final class RigidMotion {
    /** Frames that moved less than this (root-mean-square, in eye distances) from the first are not judged. */
    public static final double MIN_MOTION = 0.06;
    /** Below this median plane miss (in eye distances) over the moving frames the motion counts as rigid. */
    public static final double RIGID_BELOW = 0.012;

    /**
     * {@code measured}: enough frames moved to judge; {@code motion}: the largest movement seen, {@code plane
     * miss}: the median distance of the points from the best plane map over the moving frames (eye distances).
     */
    public record Result(boolean measured, double motion, double planeMiss) {
        /** Moved enough, and only as a plane: a held-up picture. */
        public boolean rigid() {
            return measured && planeMiss < RIGID_BELOW;
        }
    }

    private RigidMotion() {}

    /**
     * {@code frames}: one point set per frame, {x0, y0, ...} in pixels, the same landmarks in the same order;
     * {@code eyeDistance}: the face's size in pixels, so the measures do not depend on how near it is.
     */
    public static Result measure(List<double[]> frames, double eyeDistance) {
        if (frames.size() < 2 || !(eyeDistance > 0)) {
            return new Result(false, 0, Double.NaN);
        }
        double[] first = frames.get(0);
        double motion = 0;
        List<Double> misses = new ArrayList<>();
        for (int i = 1; i < frames.size(); i++) {
            double[] p = frames.get(i);
            double moved = rms(first, p) / eyeDistance;
            motion = Math.max(motion, moved);
            if (moved >= MIN_MOTION) {
                double miss = PlaneFit.residual(first, p);
                if (!Double.isNaN(miss)) {
                    misses.add(miss / eyeDistance);
                }
            }
        }
        if (misses.isEmpty()) {
            return new Result(false, motion, Double.NaN);
        }
        Collections.sort(misses);
        return new Result(true, motion, misses.get(misses.size() / 2));
    }

    private static double rms(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum / (a.length / 2.0));
    }
}

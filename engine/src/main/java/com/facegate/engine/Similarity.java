package com.facegate.engine;

/**
 * Maps the cosine similarity of two embeddings onto Rekognition's 0..100 similarity scale, calibrated on
 * labelled faces so that an admin's threshold means what AWS's guidance intends (99 = very low false accepts).
 * The calibration table and its measured FAR/FRR are in docs/face-engine.md.
 *
 * <p>The map is piecewise linear through measured anchor points (cosine → score), strictly increasing, so
 * {@link #toCosine} is its exact inverse.
 */
public final class Similarity {
    private Similarity() {}

    /** Anchor cosines, ascending; see docs/face-engine.md for the FAR each one was measured at. */
    private static final float[] COS = {-1.0f, 0.0f, 0.20f, 0.30f, 0.35f, 0.40f, 0.50f, 1.0f};
    /** Scores at the anchors, strictly ascending. */
    private static final float[] SCORE = {0f, 10f, 50f, 80f, 90f, 95f, 99f, 100f};

    public static float cosine(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Calibrated score in 0..100 for a cosine in -1..1. Monotonic. */
    public static float toScore(float cosine) {
        return interpolate(cosine, COS, SCORE);
    }

    /** The cosine at which {@link #toScore} reaches {@code score}; inverse of toScore. */
    public static float toCosine(float score) {
        return interpolate(score, SCORE, COS);
    }

    public static float score(float[] a, float[] b) {
        return toScore(cosine(a, b));
    }

    private static float interpolate(float x, float[] xs, float[] ys) {
        if (Float.isNaN(x)) {
            return ys[0];
        }
        if (x <= xs[0]) {
            return ys[0];
        }
        int last = xs.length - 1;
        if (x >= xs[last]) {
            return ys[last];
        }
        int i = 1;
        while (x > xs[i]) {
            i++;
        }
        float t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + t * (ys[i] - ys[i - 1]);
    }
}

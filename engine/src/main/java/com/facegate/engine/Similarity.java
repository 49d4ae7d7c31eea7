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

    /**
     * Anchor cosines, ascending: the cosines at which all 23.9 M cross-identity pairs of LFW (6,922 photos,
     * 3,554 people) reach FAR 1e-1, 1e-2, 1e-3, 1e-4, 1e-5 (rounded up), mapped to scores 50, 80, 90, 95, 99.
     */
    private static final float[] COS = {-1.0f, 0.0f, 0.131f, 0.245f, 0.336f, 0.414f, 0.480f, 1.0f};
    /** Scores at the anchors, strictly ascending. */
    private static final float[] SCORE = {0f, 20f, 50f, 80f, 90f, 95f, 99f, 100f};

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

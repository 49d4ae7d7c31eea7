package com.facegate.engine;

/**
 * Maps the cosine similarity of two embeddings onto Rekognition's 0..100 similarity scale, calibrated on
 * labelled faces so that an admin's threshold means what AWS's guidance intends (99 = very low false accepts).
 * The calibration table and its measured FAR/FRR are in docs/face-engine.md.
 */
public final class Similarity {
    private Similarity() {}

    public static float cosine(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Calibrated score in 0..100 for a cosine in -1..1. Monotonic. */
    public static float toScore(float cosine) {
        throw new UnsupportedOperationException("calibration pending");
    }

    /** The cosine at which {@link #toScore} reaches {@code score}; inverse of toScore. */
    public static float toCosine(float score) {
        throw new UnsupportedOperationException("calibration pending");
    }

    public static float score(float[] a, float[] b) {
        return toScore(cosine(a, b));
    }
}

package com.facegate.engine.pipeline;

/**
 * Brightness and sharpness on Rekognition's 0..100 scales, from the 64×64 grey face crop the landmark step
 * already made. Brightness is mean luminance; sharpness is the variance of the Laplacian mapped through
 * 100·(1−e^(−var/K)) so blur falls towards 0 and crisp faces approach 100.
 */
public final class QualityMeter {
    /** Laplacian variance at which sharpness reads 63: LFW faces have median variance 700 → sharpness 50. */
    static final double K = 1000;

    private QualityMeter() {}

    public static float brightness(float[] grey) {
        double s = 0;
        for (float g : grey) {
            s += g;
        }
        return (float) Math.max(0, Math.min(100, s / grey.length / 255 * 100));
    }

    public static float sharpness(float[] grey, int size) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                int i = y * size + x;
                double lap = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - 4 * grey[i];
                s += lap;
                s2 += lap * lap;
                n++;
            }
        }
        double var = s2 / n - (s / n) * (s / n);
        return (float) (100 * (1 - Math.exp(-var / K)));
    }

    public static double laplacianVariance(float[] grey, int size) {
        double sharp = sharpness(grey, size) / 100.0;
        return -K * Math.log(1 - Math.min(sharp, 0.999999));
    }
}

package com.facegate.engine.liveness;

import java.util.Arrays;

/**
 * Whether a face region carries a periodic fine pattern: a screen's pixel grid or a print's halftone, re-filmed,
 * beats with the camera's own grid into moiré, which shows in the Fourier spectrum as a few sharp peaks. Skin and
 * hair give a smooth spectrum falling as 1/f², flat once whitened, so the cue is the whitened band's strongest bin
 * over its median. The region is taken at the camera's own
 * resolution (resampling would blur the pattern away), with its corner on the 8-pixel JPEG grid so that the
 * block edges of a compressed frame fall on frequency lines that are left out.
 */
public final class Moire {
    /** The measured square's side in pixels (a power of two). */
    public static final int SIDE = 64;
    /** The band starts here (fraction of the Nyquist frequency): below, a face's own shape dominates. */
    public static final double MIN_FREQUENCY = 0.15;
    /** Peak over median whitened power in the band above which a pattern is periodic. */
    public static final double PERIODIC_ABOVE = 60;

    /** {@code peakiness}: the band's strongest bin over its median bin (whitened power). */
    public record Result(double peakiness) {
        public boolean periodic() {
            return peakiness > PERIODIC_ABOVE;
        }
    }

    private Moire() {}

    /** {@code grey}: SIDE × SIDE luminance values, row by row. */
    public static Result measure(float[] grey) {
        int n = SIDE;
        if (grey.length != n * n) {
            throw new IllegalArgumentException("need " + n + "x" + n + " grey values, got " + grey.length);
        }
        double mean = 0;
        for (float g : grey) {
            mean += g;
        }
        mean /= grey.length;
        double[] re = new double[n * n], im = new double[n * n];
        for (int y = 0; y < n; y++) {
            double wy = hann(y, n);
            for (int x = 0; x < n; x++) {
                re[y * n + x] = (grey[y * n + x] - mean) * wy * hann(x, n);
            }
        }
        Fft.transform2d(re, im, n);
        int block = n / 16;
        double[] band = new double[n * n];
        int count = 0;
        for (int v = 0; v < n; v++) {
            int fv = v <= n / 2 ? v : n - v;
            for (int u = 0; u < n; u++) {
                int fu = u <= n / 2 ? u : n - u;
                double r = Math.hypot(fu, fv) / (n / 2.0);
                // Above the face's coarse shape, below Nyquist, and not on JPEG's block lines: multiples of n/8 for
                // luma blocks, n/16 for the 16-pixel blocks of subsampled chroma.
                if (r < MIN_FREQUENCY || r > 1.0 || fu % block == 0 || fv % block == 0 || v > n / 2) {
                    continue;
                }
                // Whitened: natural images fall as 1/f², so r² makes their spectrum flat and leaves peaks standing.
                band[count++] = (re[v * n + u] * re[v * n + u] + im[v * n + u] * im[v * n + u]) * r * r;
            }
        }
        double[] powers = Arrays.copyOf(band, count);
        Arrays.sort(powers);
        double median = powers[count / 2];
        double peak = powers[count - 1];
        return new Result(median > 0 ? peak / median : 0);
    }

    private static double hann(int i, int n) {
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
    }
}

package com.facegate.engine.pipeline;

/**
 * Least-squares 5-point similarity transform (Umeyama, no reflection) onto the standard 112×112 ArcFace
 * template. Returns the inverse map (aligned pixel → source pixel) that the sampler needs.
 */
public final class Alignment {
    public static final int SIZE = 112;
    static final double[] TEMPLATE = {
            38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041};

    private Alignment() {}

    /** Similarity src→dst fitted by least squares: {a, -b, tx, b, a, ty}. */
    public static double[] fit(double[] src, double[] dst) {
        int n = src.length / 2;
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src[2 * i];
            sy += src[2 * i + 1];
            dx += dst[2 * i];
            dy += dst[2 * i + 1];
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double num = 0, cross = 0, var = 0;
        for (int i = 0; i < n; i++) {
            double px = src[2 * i] - sx, py = src[2 * i + 1] - sy;
            double qx = dst[2 * i] - dx, qy = dst[2 * i + 1] - dy;
            num += px * qx + py * qy;
            cross += px * qy - py * qx;
            var += px * px + py * py;
        }
        if (var < 1e-9) {
            throw new IllegalArgumentException("degenerate landmarks");
        }
        double a = num / var, b = cross / var;
        return new double[] {a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)};
    }

    /** Inverse of a similarity/affine 2×3 map. */
    public static double[] invert(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        double i0 = m[4] / det, i1 = -m[1] / det, i3 = -m[3] / det, i4 = m[0] / det;
        return new double[] {i0, i1, -(i0 * m[2] + i1 * m[5]), i3, i4, -(i3 * m[2] + i4 * m[5])};
    }

    /** Map from aligned 112×112 pixels to source pixels for the given five points. */
    public static double[] alignedToSource(double[] fivePoints) {
        return invert(fit(fivePoints, TEMPLATE));
    }
}

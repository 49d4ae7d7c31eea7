package com.facegate.bench.engine;

/** The projective map of the unit square onto a quad (Heckbert's closed form), its inverse and its use. */
final class Homography {
    private Homography() {}

    /** Row-major 3×3 for corners (0,0)→q0, (1,0)→q1, (1,1)→q2, (0,1)→q3, q = {x0, y0, ..., x3, y3}. */
    static double[] squareToQuad(double[] q) {
        double dx1 = q[2] - q[4], dx2 = q[6] - q[4], dx3 = q[0] - q[2] + q[4] - q[6];
        double dy1 = q[3] - q[5], dy2 = q[7] - q[5], dy3 = q[1] - q[3] + q[5] - q[7];
        double den = dx1 * dy2 - dx2 * dy1;
        double g = (dx3 * dy2 - dx2 * dy3) / den, h = (dx1 * dy3 - dx3 * dy1) / den;
        return new double[] {q[2] - q[0] + g * q[2], q[6] - q[0] + h * q[6], q[0],
            q[3] - q[1] + g * q[3], q[7] - q[1] + h * q[7], q[1], g, h, 1};
    }

    static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        return new double[] {e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g,
            c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d};
    }

    static double[] apply(double[] m, double x, double y) {
        double w = m[6] * x + m[7] * y + m[8];
        return new double[] {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
    }
}

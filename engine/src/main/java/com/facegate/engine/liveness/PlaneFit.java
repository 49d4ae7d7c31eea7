package com.facegate.engine.liveness;

/**
 * The homography (plane-to-plane projective map, 8 degrees of freedom) that best maps one set of points onto
 * another in the least-squares sense, and how far the points stay from it. Landmarks on a flat picture moved in
 * front of a camera follow such a map exactly; a real head's do not (the nose stands out of the cheeks' plane,
 * eyelids and lips move on their own). Points are normalised first (Hartley) so the solve is well conditioned.
 */
public final class PlaneFit {
    private PlaneFit() {}

    /**
     * The root-mean-square distance, in the units of {@code to}, between {@code to} and {@code from} mapped through
     * the best homography. Points are {x0, y0, x1, y1, ...}; at least 5 points (4 fix a homography exactly).
     * Returns NaN when the points are degenerate (all on a line, or repeated).
     */
    public static double residual(double[] from, double[] to) {
        int n = from.length / 2;
        if (n < 5 || to.length != from.length) {
            throw new IllegalArgumentException("need two sets of at least 5 points of equal size, got "
                    + from.length / 2 + " and " + to.length / 2);
        }
        double[] a = normalise(from), b = normalise(to);
        double[] h = solve(a, b);
        if (h == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = a[2 * i], y = a[2 * i + 1];
            double w = h[6] * x + h[7] * y + 1;
            double px = (h[0] * x + h[1] * y + h[2]) / w, py = (h[3] * x + h[4] * y + h[5]) / w;
            double dx = px - b[2 * i], dy = py - b[2 * i + 1];
            sum += dx * dx + dy * dy;
        }
        // b was scaled by b[2n] from the original units: undo it.
        return Math.sqrt(sum / n) / b[2 * n];
    }

    /** Points moved to their centroid and scaled to mean distance √2; the scale is appended at the end. */
    private static double[] normalise(double[] p) {
        int n = p.length / 2;
        double cx = 0, cy = 0;
        for (int i = 0; i < n; i++) {
            cx += p[2 * i];
            cy += p[2 * i + 1];
        }
        cx /= n;
        cy /= n;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += Math.hypot(p[2 * i] - cx, p[2 * i + 1] - cy);
        }
        mean /= n;
        double s = mean > 0 ? Math.sqrt(2) / mean : 1;
        double[] out = new double[2 * n + 1];
        for (int i = 0; i < n; i++) {
            out[2 * i] = (p[2 * i] - cx) * s;
            out[2 * i + 1] = (p[2 * i + 1] - cy) * s;
        }
        out[2 * n] = s;
        return out;
    }

    /** Least squares for h (h33 = 1) through the normal equations; null when singular. */
    private static double[] solve(double[] a, double[] b) {
        int n = (a.length - 1) / 2;
        double[][] m = new double[8][9];
        for (int i = 0; i < n; i++) {
            double x = a[2 * i], y = a[2 * i + 1], u = b[2 * i], v = b[2 * i + 1];
            accumulate(m, new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u}, u);
            accumulate(m, new double[] {0, 0, 0, x, y, 1, -x * v, -y * v}, v);
        }
        return gauss(m);
    }

    private static void accumulate(double[][] m, double[] row, double rhs) {
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                m[r][c] += row[r] * row[c];
            }
            m[r][8] += row[r] * rhs;
        }
    }

    private static double[] gauss(double[][] m) {
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-12) {
                return null;
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 8; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c < 9; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] h = new double[8];
        for (int i = 0; i < 8; i++) {
            h[i] = m[i][8] / m[i][i];
        }
        return h;
    }
}

package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;

/**
 * fr_landmark: the square face box as a 64×64 grey crop divided by 256 → 68 points (iBUG order) in box
 * coordinates 0..1, returned in source pixels as {x0,y0,x1,y1,...}. Also keeps the grey crop, which the
 * quality meter reuses for sharpness and brightness.
 */
public final class Landmarks68 {
    public static final int SIZE = 64;

    private final OnnxModel model;

    public Landmarks68(OnnxModel model) {
        this.model = model;
    }

    /** Result: 136 coordinates in source pixels and the 64×64 grey crop (0..255). */
    public record Result(float[] points, float[] grey) {
        public float x(int i) {
            return points[2 * i];
        }

        public float y(int i) {
            return points[2 * i + 1];
        }

        /** The five alignment points: eye centres, nose tip, mouth corners, as {x,y} pairs (image-left first). */
        public double[] fivePoints() {
            return new double[] {
                    mean(37, 38, 40, 41, true), mean(37, 38, 40, 41, false),
                    mean(43, 44, 46, 47, true), mean(43, 44, 46, 47, false),
                    x(30), y(30),
                    (x(48) + x(60)) / 2.0, (y(48) + y(60)) / 2.0,
                    (x(54) + x(64)) / 2.0, (y(54) + y(64)) / 2.0};
        }

        private double mean(int a, int b, int c, int d, boolean xs) {
            return xs ? (x(a) + x(b) + x(c) + x(d)) / 4.0 : (y(a) + y(b) + y(c) + y(d)) / 4.0;
        }
    }

    /**
     * How a second-pass (refinement) box is placed relative to first-pass landmarks, with the detector's typical
     * box geometry: median over 1,154 LFW detector boxes of the box-centre offset (dx, dy) and side (k), in units
     * of the geometry's scale (PipelineVariantsBench --stats).
     */
    public enum Geometry {
        /** Centre and RMS spread of the 51 inner points (brows, eyes, nose, mouth: 17..67). */
        INNER(-0.0012, -0.2321, 4.3427),
        /** Midpoint of eye centre and mouth centre; scale = eye-centre-to-mouth-centre distance. */
        EYE_MOUTH(0.0015, -0.2212, 2.9053);

        public final double dx, dy, k;

        Geometry(double dx, double dy, double k) {
            this.dx = dx;
            this.dy = dy;
            this.k = k;
        }
    }

    /** Second pass: landmarks again, on the box the detector would typically draw around {@code first}. */
    public Result refine(BgrImage img, Result first, Geometry g) {
        return locate(img, boxFor(first, g, g.dx, g.dy, g.k, 1f));
    }

    /** {cx, cy, scale} of the landmarks under {@code g}. */
    public static double[] geometry(Result r, Geometry g) {
        if (g == Geometry.INNER) {
            double cx = 0, cy = 0;
            for (int i = 17; i < 68; i++) {
                cx += r.x(i);
                cy += r.y(i);
            }
            cx /= 51;
            cy /= 51;
            double ss = 0;
            for (int i = 17; i < 68; i++) {
                double dx = r.x(i) - cx, dy = r.y(i) - cy;
                ss += dx * dx + dy * dy;
            }
            return new double[] {cx, cy, Math.sqrt(ss / 51)};
        }
        double[] p = r.fivePoints();
        double ex = (p[0] + p[2]) / 2, ey = (p[1] + p[3]) / 2, mx = (p[6] + p[8]) / 2, my = (p[7] + p[9]) / 2;
        return new double[] {(ex + mx) / 2, (ey + my) / 2, Math.hypot(mx - ex, my - ey)};
    }

    /**
     * The square box whose centre sits at (dx, dy)·scale from the landmark centre and whose side is k·scale,
     * i.e. the box the detector would typically have drawn around these landmarks (dx, dy, k measured on LFW).
     */
    public static Detection boxFor(Result r, Geometry g, double dx, double dy, double k, float score) {
        double[] c = geometry(r, g);
        double cx = c[0] + dx * c[2], cy = c[1] + dy * c[2], half = k * c[2] / 2;
        return new Detection((float) (cx - half), (float) (cy - half), (float) (cx + half), (float) (cy + half), score);
    }

    /** Point-wise mean of two landmark results (the grey crop of {@code a} is kept). */
    public static Result average(Result a, Result b) {
        float[] p = new float[a.points.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (a.points[i] + b.points[i]) / 2;
        }
        return new Result(p, a.grey);
    }

    public Result locate(BgrImage img, Detection box) {
        float[] grey = new float[SIZE * SIZE];
        Sampler.grey(img, Sampler.boxMap(box.x1(), box.y1(), box.x2(), box.y2(), SIZE, SIZE), SIZE, SIZE,
                Sampler.Border.CLAMP, 0f, 1f, grey);
        float[] input = new float[SIZE * SIZE];
        for (int i = 0; i < input.length; i++) {
            input[i] = grey[i] / 256f;
        }
        float[] out = model.run1("output", input, 1, 1, SIZE, SIZE);
        float side = box.side();
        float[] pts = new float[136];
        for (int i = 0; i < 68; i++) {
            pts[2 * i] = box.x1() + out[2 * i] * side;
            pts[2 * i + 1] = box.y1() + out[2 * i + 1] * side;
        }
        return new Result(pts, grey);
    }
}

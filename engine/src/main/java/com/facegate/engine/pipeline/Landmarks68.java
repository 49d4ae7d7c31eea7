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

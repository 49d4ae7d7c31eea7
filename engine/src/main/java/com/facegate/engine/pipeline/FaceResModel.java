package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;

import java.util.Map;

/**
 * The Human library's faceres network (MobileNet with gender and age heads; TF.js graph converted to ONNX at
 * load). Input and read-out follow Human's {@code src/face/faceres.ts}: an RGB face crop resized to 224×224 with
 * values 0..255 in NHWC; gender is the sigmoid output (≤ 0.5 female), age the argmax of 100 one-year bins moved
 * toward the larger neighbour by ten times its probability.
 */
public final class FaceResModel {
    static final int SIZE = 224;
    /**
     * Human crops the box of its 468-point mesh enlarged 1.5×; our detector's box is a different box, so the scale
     * was measured (AttributeBench --genders, 4,187 LFW photos): 1.2–1.4 give 97.4–97.7 % gender accuracy, 1.5
     * 96.8 %, 1.7 and 2.0 less; at 1.5 ages drift young (median 34.6 vs 38.6 at 1.3). 1.3 is the middle of the
     * plateau.
     */
    static final double CROP_SCALE = 1.3;
    static final String GENDER = "gender_pred/Sigmoid";
    static final String AGE = "age_pred/Softmax";
    private static final float[] NO_MEAN = {0, 0, 0};
    private static final float[] UNIT = {1, 1, 1};

    /** Male probability 0..1 and age in years. */
    public record Estimate(float male, float age) {}

    private final OnnxModel model;

    public FaceResModel(OnnxModel model) {
        this.model = model;
    }

    /** The faceres graph from the classpath, converted to ONNX (about a second; call lazily). */
    public static OnnxModel load() {
        return OnnxModel.loadTfjs("faceres");
    }

    /**
     * Age and gender of the face in box {@code d} whose eye line is tilted by {@code rollDegrees}: the crop is
     * turned upright first, as Human does before faceres (measured on tilted photos, docs/face-engine.md).
     */
    public Estimate estimate(BgrImage img, Detection d, float rollDegrees) {
        return estimate(img, d, CROP_SCALE, rollDegrees);
    }

    /** As {@link #estimate(BgrImage, Detection, float)} with another crop scale (for the bench). */
    public Estimate estimate(BgrImage img, Detection d, double cropScale, float rollDegrees) {
        double cx = (d.x1() + d.x2()) / 2.0, cy = (d.y1() + d.y2()) / 2.0;
        float[] planar = new float[3 * SIZE * SIZE];
        // Zero border: Human's crop (tf.image.cropAndResize) fills outside the frame with 0.
        Sampler.colour(img, Sampler.rotatedBoxMap(cx, cy, d.side() * cropScale, rollDegrees, SIZE, SIZE), SIZE, SIZE,
                Sampler.Order.RGB, Sampler.Border.ZERO, NO_MEAN, UNIT, planar);
        Map<String, float[]> out = model.run(interleave(planar), 1, SIZE, SIZE, 3);
        return new Estimate(out.get(GENDER)[0], age(out.get(AGE)));
    }

    /** Planar RGB (CHW) to interleaved (HWC), the TF layout the graph's input keeps. */
    static float[] interleave(float[] planar) {
        int plane = planar.length / 3;
        float[] hwc = new float[planar.length];
        for (int i = 0; i < plane; i++) {
            hwc[3 * i] = planar[i];
            hwc[3 * i + 1] = planar[plane + i];
            hwc[3 * i + 2] = planar[2 * plane + i];
        }
        return hwc;
    }

    /** Human's read-out: argmax bin, shifted toward the more probable neighbour by 10 × its probability. */
    static float age(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        float below = best > 0 ? p[best - 1] : 0f, above = best < p.length - 1 ? p[best + 1] : 0f;
        return below > above ? best - 10 * below : best + 10 * above;
    }
}

package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;

import java.util.concurrent.FutureTask;

/**
 * fr_feature: the aligned 112×112 face, BGR planes, (x−127)/128 → 512 floats, L2-normalised. Optionally also
 * embeds the mirrored crop and averages (flip test-time augmentation); whether that is on is decided by
 * measurement (see docs/face-engine.md).
 */
public final class Embedder {
    public static final int DIM = 512;
    private static final float[] MEAN = {127f, 127f, 127f};
    private static final float[] SCALE = {1 / 128f, 1 / 128f, 1 / 128f};

    private final OnnxModel model;
    private final boolean flip;

    public Embedder(OnnxModel model, boolean flip) {
        this.model = model;
        this.flip = flip;
    }

    /** The face at {@code alignedToSource}; the mirrored pass is offered to {@code side} (fr_feature takes batch 1). */
    public float[] embed(BgrImage img, double[] alignedToSource, SideTasks side) {
        int s = Alignment.SIZE;
        float[] input = new float[3 * s * s];
        Sampler.colour(img, alignedToSource, s, s, Sampler.Order.BGR, Sampler.Border.ZERO, MEAN, SCALE, input);
        if (!flip) {
            float[] e = pass(input);
            normalise(e);
            return e;
        }
        float[] mirrored = input.clone();
        Sampler.mirror(mirrored, 3, s, s);
        FutureTask<float[]> mirrorPass = side.start(() -> pass(mirrored));
        float[] e = pass(input);
        float[] m = SideTasks.join(mirrorPass);
        normalise(e);
        normalise(m);
        for (int i = 0; i < e.length; i++) {
            e[i] += m[i];
        }
        normalise(e);
        return e;
    }

    private float[] pass(float[] input) {
        int s = Alignment.SIZE;
        return model.run1("output", input, 1, 3, s, s);
    }

    static void normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}

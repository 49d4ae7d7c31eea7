package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;

/**
 * fr_liveness (a MiniFASNet-style passive anti-spoofing net): the face box widened 2.7× (kept inside the frame),
 * 128×128, raw 0..255 BGR planes → softmax over 3 classes; the live class probability is the liveness.
 */
public final class LivenessModel {
    static final int SIZE = 128;
    /**
     * Index of the "real face" class: class 0 averages 0.89 on 300 real LFW faces (classes 1 and 2: 0.11, 0.001),
     * matching the package's JavaScript, which also reads output[0].
     */
    static final int LIVE_CLASS = 0;
    private static final float[] MEAN = {0, 0, 0};
    private static final float[] SCALE = {1, 1, 1};

    private final OnnxModel model;

    public LivenessModel(OnnxModel model) {
        this.model = model;
    }

    public float[] probabilities(BgrImage img, Detection d) {
        double[] b = Crops.scaledInside(d, 2.7, img.width(), img.height());
        float[] input = new float[3 * SIZE * SIZE];
        Sampler.colour(img, Sampler.boxMap(b[0], b[1], b[2], b[3], SIZE, SIZE), SIZE, SIZE, Sampler.Order.BGR,
                Sampler.Border.CLAMP, MEAN, SCALE, input);
        return Crops.softmax(model.run1("output", input, 1, 3, SIZE, SIZE));
    }

    public float liveness(BgrImage img, Detection d) {
        return probabilities(img, d)[LIVE_CLASS];
    }
}

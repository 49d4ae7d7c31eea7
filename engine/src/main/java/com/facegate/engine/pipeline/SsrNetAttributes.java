package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;

/**
 * The faceplugin SSR-Net age and gender networks ({@code fr_age}, {@code fr_gender}). No longer used for
 * Rekognition attributes (faceres measured better, see docs/face-engine.md); kept so AttributeBench can compare.
 * Input specs follow the package's JavaScript with its mistakes fixed: crops centred on the face, RGB explicit.
 */
public final class SsrNetAttributes implements AutoCloseable {
    private static final String[] SSR_OUTPUTS = {"prob_stage_1", "prob_stage_2", "prob_stage_3", "stage1_delta_k",
            "stage2_delta_k", "stage3_delta_k", "index_offset_stage1", "index_offset_stage2", "index_offset_stage3"};

    private final OnnxModel age = OnnxModel.load("fr_age");
    private final OnnxModel gender = OnnxModel.load("fr_gender");

    /** Estimated age in years (SSR-Net soft stagewise regression). */
    public float age(BgrImage img, Detection d) {
        return ssr(age, img, d) * 101f;
    }

    /** Probability-like score 0..1 that the face is male (SSR-Net gender head: 1 = male). */
    public float male(BgrImage img, Detection d) {
        return Math.max(0f, Math.min(1f, ssr(gender, img, d)));
    }

    private static float ssr(OnnxModel m, BgrImage img, Detection d) {
        double[] b = Crops.scaledInside(d, 1.4, img.width(), img.height());
        float[] input = new float[3 * 64 * 64];
        Sampler.colour(img, Sampler.boxMap(b[0], b[1], b[2], b[3], 64, 64), 64, 64, Sampler.Order.RGB,
                Sampler.Border.CLAMP, AttributeModels.IMAGENET_MEAN, AttributeModels.IMAGENET_SCALE, input);
        var out = m.run(input, 1, 3, 64, 64);
        float[] x = new float[21];
        int k = 0;
        for (String name : SSR_OUTPUTS) {
            for (float v : out.get(name)) {
                x[k++] = v;
            }
        }
        // Soft stagewise regression merge, 3 stages of 3 bins (lambda_local = lambda_d = 1).
        double a = 0, b2 = 0, c = 0;
        for (int i = 0; i < 3; i++) {
            a += (i + x[12 + i]) * x[i];
            b2 += (i + x[15 + i]) * x[3 + i];
            c += (i + x[18 + i]) * x[6 + i];
        }
        double s1 = 3 * (1 + x[9]), s2 = 3 * (1 + x[10]), s3 = 3 * (1 + x[11]);
        return (float) (a / s1 + b2 / s1 / s2 + c / s1 / s2 / s3);
    }

    @Override
    public void close() {
        age.close();
        gender.close();
    }
}

package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;

/**
 * The faceplugin attribute networks. Input specs follow the package's JavaScript (crop scale, size,
 * normalisation) with its mistakes fixed: crops are centred on the face, colour order is explicit.
 * Sessions load on first use so the door daemon, which only needs DEFAULT detail, never pays for them.
 */
public final class AttributeModels implements AutoCloseable {
    private static final float[] IMAGENET_MEAN = {0.485f * 255, 0.456f * 255, 0.406f * 255};
    private static final float[] IMAGENET_SCALE = {1 / (0.229f * 255), 1 / (0.224f * 255), 1 / (0.225f * 255)};
    private static final float[] UNIT_MEAN = {0, 0, 0};
    private static final float[] UNIT_SCALE = {1 / 255f, 1 / 255f, 1 / 255f};
    private static final String[] SSR_OUTPUTS = {"prob_stage_1", "prob_stage_2", "prob_stage_3", "stage1_delta_k",
            "stage2_delta_k", "stage3_delta_k", "index_offset_stage1", "index_offset_stage2", "index_offset_stage3"};

    /** fr_expression's seven classes in output order, as Rekognition emotion types (by measurement on LFW). */
    public static final String[] EXPRESSIONS = {"ANGRY", "DISGUSTED", "FEAR", "HAPPY", "SAD", "SURPRISED", "CALM"};
    /** Index of fr_eye's "open" class (by measurement on LFW, where nearly every eye is open). */
    static final int EYE_OPEN_CLASS = 1;

    private volatile Loaded loaded;

    private record Loaded(OnnxModel age, OnnxModel gender, OnnxModel expression, OnnxModel eye, OnnxModel pose) {}

    private Loaded models() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    l = new Loaded(OnnxModel.load("fr_age"), OnnxModel.load("fr_gender"), OnnxModel.load("fr_expression"),
                            OnnxModel.load("fr_eye"), OnnxModel.load("fr_pose"));
                    loaded = l;
                }
            }
        }
        return l;
    }

    /** Estimated age in years (SSR-Net soft stagewise regression). */
    public float age(BgrImage img, Detection d) {
        return ssr(models().age(), img, d) * 101f;
    }

    /** Probability-like score 0..1 that the face is male (SSR-Net gender head: 1 = male). */
    public float male(BgrImage img, Detection d) {
        return Math.max(0f, Math.min(1f, ssr(models().gender(), img, d)));
    }

    private static float ssr(OnnxModel m, BgrImage img, Detection d) {
        double[] b = Crops.scaledInside(d, 1.4, img.width(), img.height());
        float[] input = new float[3 * 64 * 64];
        Sampler.colour(img, Sampler.boxMap(b[0], b[1], b[2], b[3], 64, 64), 64, 64, Sampler.Order.RGB,
                Sampler.Border.CLAMP, IMAGENET_MEAN, IMAGENET_SCALE, input);
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

    /** Expression probabilities in {@link #EXPRESSIONS} order. */
    public float[] expression(BgrImage img, Detection d) {
        double[] b = Crops.scaled(d, 1.2);
        float[] input = new float[3 * 224 * 224];
        Sampler.colour(img, Sampler.boxMap(b[0], b[1], b[2], b[3], 224, 224), 224, 224, Sampler.Order.RGB,
                Sampler.Border.CLAMP, UNIT_MEAN, UNIT_SCALE, input);
        return Crops.softmax(models().expression().run1("output", input, 1, 3, 224, 224));
    }

    /** Probability that each eye is open, {image-left, image-right}. */
    public float[] eyesOpen(BgrImage img, Landmarks68.Result l) {
        return new float[] {eyeOpen(img, l, 36), eyeOpen(img, l, 42)};
    }

    private float eyeOpen(BgrImage img, Landmarks68.Result l, int s) {
        double cx = (l.x(s + 1) + l.x(s + 2) + l.x(s + 4) + l.x(s + 5)) / 4.0;
        double cy = (l.y(s + 1) + l.y(s + 2) + l.y(s + 4) + l.y(s + 5)) / 4.0;
        double size = Math.max(2, (l.x(s + 3) - l.x(s)) * 1.6);
        float[] input = new float[24 * 24];
        Sampler.grey(img, Sampler.boxMap(cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2, 24, 24), 24, 24,
                Sampler.Border.CLAMP, 0f, 1 / 255f, input);
        return Crops.softmax(models().eye().run1("output", input, 1, 1, 24, 24))[EYE_OPEN_CLASS];
    }

    /** Hopenet-style pose {yaw, pitch, roll} in degrees: 66 bins of 3° from −99°. */
    public float[] pose(BgrImage img, Detection d) {
        double[] b = Crops.scaled(d, 1.5);
        float[] input = new float[3 * 224 * 224];
        Sampler.colour(img, Sampler.boxMap(b[0], b[1], b[2], b[3], 224, 224), 224, 224, Sampler.Order.RGB,
                Sampler.Border.CLAMP, IMAGENET_MEAN, IMAGENET_SCALE, input);
        var out = models().pose().run(input, 1, 3, 224, 224);
        return new float[] {bins(out.get("output")), bins(out.get("617")), bins(out.get("618"))};
    }

    private static float bins(float[] logits) {
        float[] p = Crops.softmax(logits);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * i;
        }
        return (float) (s * 3 - 99);
    }

    @Override
    public void close() {
        Loaded l = loaded;
        if (l != null) {
            l.age().close();
            l.gender().close();
            l.expression().close();
            l.eye().close();
            l.pose().close();
        }
    }
}

package com.facegate.engine.pipeline;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.Sampler;
import java.util.List;

/**
 * The attribute networks: Human's faceres for gender and age, faceplugin's for expression, eyes and pose. The
 * faceplugin input specs follow the package's JavaScript (crop scale, size, normalisation) with its mistakes
 * fixed: crops are centred on the face, colour order is explicit. Sessions load on first use so the door daemon,
 * which only needs DEFAULT detail, never pays for them; the pose network loads on its own, so a caller that wants
 * only the measured pose (Detail.POSE) does not load the other four.
 */
public final class AttributeModels implements AutoCloseable {
    static final float[] IMAGENET_MEAN = {0.485f * 255, 0.456f * 255, 0.406f * 255};
    static final float[] IMAGENET_SCALE = {1 / (0.229f * 255), 1 / (0.224f * 255), 1 / (0.225f * 255)};
    private static final float[] UNIT_MEAN = {0, 0, 0};
    private static final float[] UNIT_SCALE = {1 / 255f, 1 / 255f, 1 / 255f};

    /** fr_expression's seven classes in output order, as Rekognition emotion types (by measurement on LFW). */
    public static final List<String> EXPRESSIONS = List.of("ANGRY", "DISGUSTED", "FEAR", "HAPPY", "SAD", "SURPRISED",
            "CALM");
    /** Index of fr_eye's "open" class (by measurement on LFW, where nearly every eye is open). */
    static final int EYE_OPEN_CLASS = 1;

    private volatile Loaded loaded;
    private volatile OnnxModel poseModel;

    private record Loaded(OnnxModel faceresNet, FaceResModel faceres, OnnxModel expression, OnnxModel eye) {}

    private Loaded models() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (this) {
                l = loaded;
                if (l == null) {
                    OnnxModel faceres = FaceResModel.load();
                    l = new Loaded(faceres, new FaceResModel(faceres), OnnxModel.load("fr_expression"),
                            OnnxModel.load("fr_eye"));
                    loaded = l;
                }
            }
        }
        return l;
    }

    private OnnxModel poseModel() {
        OnnxModel m = poseModel;
        if (m == null) {
            synchronized (this) {
                m = poseModel;
                if (m == null) {
                    m = OnnxModel.load("fr_pose");
                    poseModel = m;
                }
            }
        }
        return m;
    }

    /** Gender and age from faceres in one inference (see {@link FaceResModel}). */
    public FaceResModel.Estimate ageAndGender(BgrImage img, Detection d, float rollDegrees) {
        return models().faceres().estimate(img, d, rollDegrees);
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
        var out = poseModel().run(input, 1, 3, 224, 224);
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
            l.faceresNet().close();
            l.expression().close();
            l.eye().close();
        }
        OnnxModel p = poseModel;
        if (p != null) {
            p.close();
        }
    }
}

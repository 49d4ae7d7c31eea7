package com.facegate.engine;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.pipeline.AttributeModels;
import com.facegate.engine.pipeline.Detection;
import com.facegate.engine.pipeline.FaceGeometry;
import com.facegate.engine.pipeline.FaceResModel;
import com.facegate.engine.pipeline.Landmarks68;
import com.facegate.engine.pipeline.QualityMeter;
import com.facegate.engine.pipeline.SideTasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;

/** Turns pipeline outputs into Rekognition-shaped {@link Face} records (ratios, 0..100 confidences). */
final class FaceAssembler {
    /**
     * Eye aspect ratio below which eyes count as closed. On 300 LFW faces (eyes open) EAR ≥ 0.14 calls 98.0 % open
     * where fr_eye calls only 81.3 %, so the landmark measure is used (docs/face-engine.md).
     */
    static final float EAR_OPEN = 0.14f;
    static final float MOUTH_OPEN = 0.12f;
    private static final String[] EMOTION_ORDER = {"HAPPY", "SAD", "ANGRY", "CONFUSED", "DISGUSTED", "SURPRISED",
            "CALM", "FEAR"};

    /** Rekognition landmark names beyond the first six (image-left eye first)... */
    private static final String[] EYES_AND_LIPS = {"leftEyeLeft", "leftEyeRight", "leftEyeUp", "leftEyeDown",
            "rightEyeLeft", "rightEyeRight", "rightEyeUp", "rightEyeDown", "mouthUp", "mouthDown"};
    /** ...and the two iBUG-68 points each is the middle of. */
    private static final int[][] EYES_AND_LIPS_POINTS = {{36, 36}, {39, 39}, {37, 38}, {40, 41}, {42, 42},
            {45, 45}, {43, 44}, {46, 47}, {51, 51}, {57, 57}};

    private final AttributeModels models;

    private final SideTasks side;

    FaceAssembler(AttributeModels models, SideTasks side) {
        this.models = models;
        this.side = side;
    }

    /** {@code posed}: the pose network's {yaw, pitch, roll} for POSE and ALL (run beside the rest), else null. */
    Face assemble(BgrImage img, Detection d, Landmarks68.Result l, float[] embedding, float liveness,
            FaceEngine.Detail detail, float[] posed) {
        float w = img.width(), h = img.height();
        float x1 = Math.max(0, d.x1()), y1 = Math.max(0, d.y1());
        float x2 = Math.min(w, d.x2()), y2 = Math.min(h, d.y2());
        Face.BoundingBox box = new Face.BoundingBox(x1 / w, y1 / h, (x2 - x1) / w, (y2 - y1) / h);
        double[] p = l.fivePoints();
        String[] names = {"eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight"};
        List<Face.Landmark> marks = new ArrayList<>(6 + EYES_AND_LIPS.length);
        for (int i = 0; i < 5; i++) {
            marks.add(new Face.Landmark(names[i], (float) (p[2 * i] / w), (float) (p[2 * i + 1] / h)));
        }
        marks.add(new Face.Landmark("chinBottom", l.x(8) / w, l.y(8) / h));
        // Eye corners and lids and the lips' middle, Rekognition's names: the door follows blinks and whether the
        // landmarks move as one plane (a held-up picture) across an approach (engine.liveness).
        for (int i = 0; i < EYES_AND_LIPS.length; i++) {
            int a = EYES_AND_LIPS_POINTS[i][0], b = EYES_AND_LIPS_POINTS[i][1];
            marks.add(new Face.Landmark(EYES_AND_LIPS[i], (l.x(a) + l.x(b)) / 2 / w, (l.y(a) + l.y(b)) / 2 / h));
        }
        float roll = FaceGeometry.roll(l);
        Face.Pose pose = new Face.Pose(roll, FaceGeometry.yaw(l), FaceGeometry.pitch(l));
        Face.Quality quality = new Face.Quality(QualityMeter.brightness(l.grey()),
                QualityMeter.sharpness(l.grey(), Landmarks68.SIZE));
        Face.Attributes attrs = null;
        if (detail == FaceEngine.Detail.ALL) {
            // The expression net costs as much as the rest together: it runs beside them.
            FutureTask<float[]> expression = side.start(() -> models.expression(img, d));
            pose = new Face.Pose(roll, posed[0], posed[1]);
            attrs = attributes(img, d, l, roll, expression);
        } else if (detail == FaceEngine.Detail.POSE) {
            pose = new Face.Pose(roll, posed[0], posed[1]); // the same network and crop as ALL: one pose
        }
        return new Face(box, Math.min(100f, d.score() * 100f), List.copyOf(marks), pose, quality, liveness,
                embedding, attrs);
    }

    private Face.Attributes attributes(BgrImage img, Detection d, Landmarks68.Result l, float roll,
                                       FutureTask<float[]> expression) {
        FaceResModel.Estimate ag = models.ageAndGender(img, d, roll);
        int low = Math.max(0, Math.round(ag.age() - 5)), high = Math.round(ag.age() + 5);
        float male = ag.male();
        // faceres (like Human) reads > 0.5 as male; the confidence is the chosen class's probability, 50..100.
        String gender = male > 0.5f ? "Male" : "Female";
        float genderConf = 100f * Math.max(male, 1 - male);
        float[] ex = SideTasks.join(expression);
        List<Face.Emotion> emotions = emotions(ex);
        float happy = emotionProbability(emotions, "HAPPY");
        float ear = FaceGeometry.eyeAspectRatio(l);
        boolean eyesOpen = ear >= EAR_OPEN;
        float eyesConf = confidence(ear, EAR_OPEN, 0.08f);
        float mouth = FaceGeometry.mouthOpening(l);
        boolean mouthOpen = mouth >= MOUTH_OPEN;
        float mouthConf = confidence(mouth, MOUTH_OPEN, 0.08f);
        boolean smile = happy >= 50f;
        float smileConf = Math.max(happy, 100f - happy);
        return new Face.Attributes(low, high, gender, genderConf, emotions, eyesOpen, eyesConf, smile, smileConf,
                mouthOpen, mouthConf);
    }

    /** Confidence 50..100 growing with the distance of {@code v} from the decision threshold. */
    private static float confidence(float v, float threshold, float spread) {
        double z = Math.abs(v - threshold) / spread;
        return (float) (50 + 50 * (1 - Math.exp(-2 * z)));
    }

    private static List<Face.Emotion> emotions(float[] probabilities) {
        List<String> classes = AttributeModels.EXPRESSIONS;
        List<Face.Emotion> list = new ArrayList<>(8);
        for (String type : EMOTION_ORDER) {
            float p = 0;
            for (int i = 0; i < classes.size() && i < probabilities.length; i++) {
                if (classes.get(i).equals(type)) {
                    p = probabilities[i];
                }
            }
            list.add(new Face.Emotion(type, 100f * p));
        }
        list.sort((a, b) -> Float.compare(b.confidence(), a.confidence()));
        return List.copyOf(list);
    }

    private static float emotionProbability(List<Face.Emotion> emotions, String type) {
        for (Face.Emotion e : emotions) {
            if (e.type().equals(type)) {
                return e.confidence();
            }
        }
        return 0;
    }
}

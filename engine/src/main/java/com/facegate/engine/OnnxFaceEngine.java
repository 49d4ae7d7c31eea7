package com.facegate.engine;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.ImageDecoder;
import com.facegate.engine.pipeline.Alignment;
import com.facegate.engine.pipeline.AttributeModels;
import com.facegate.engine.pipeline.Detection;
import com.facegate.engine.pipeline.Embedder;
import com.facegate.engine.pipeline.FaceDetector;
import com.facegate.engine.pipeline.Landmarks68;
import com.facegate.engine.pipeline.LivenessModel;
import com.facegate.engine.pipeline.OnnxModel;
import com.facegate.engine.pipeline.SideTasks;
import com.facegate.engine.pipeline.StageTimes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The face engine on ONNX Runtime: fr_detect → fr_landmark → 5-point similarity alignment → fr_feature, plus
 * liveness on every face and attributes on request. Thread-safe; sessions are created once in {@link #load()}.
 */
public final class OnnxFaceEngine implements FaceEngine {
    /** Faces smaller than this (pixels) are ignored: too few pixels for a trustworthy embedding. */
    static final float MIN_FACE_PX = 20;

    private final OnnxModel detectModel, landmarkModel, featureModel, livenessModel;
    private final FaceDetector detector;
    private final Landmarks68 landmarks;
    private final Embedder embedder;
    private final LivenessModel liveness;
    private final AttributeModels attributes = new AttributeModels();
    private final SideTasks side;
    private final FaceAssembler assembler;

    private OnnxFaceEngine(boolean flipEmbedding, SideTasks side) {
        this.side = side;
        detectModel = OnnxModel.load("fr_detect");
        landmarkModel = OnnxModel.load("fr_landmark");
        featureModel = OnnxModel.load("fr_feature");
        livenessModel = OnnxModel.load("fr_liveness");
        detector = new FaceDetector(detectModel);
        landmarks = new Landmarks68(landmarkModel);
        embedder = new Embedder(featureModel, flipEmbedding);
        liveness = new LivenessModel(livenessModel);
        assembler = new FaceAssembler(attributes, side);
    }

    /** Loads the models from the classpath (facegate/models/*.onnx). Takes about a second. */
    public static OnnxFaceEngine load() {
        return new OnnxFaceEngine(FLIP_AVERAGE, SideTasks.forThisMachine());
    }

    /** As {@link #load()}, with {@code sideThreads} threads for a face's parallel passes (0: all on the caller). */
    public static OnnxFaceEngine load(int sideThreads) {
        return new OnnxFaceEngine(FLIP_AVERAGE, new SideTasks(sideThreads));
    }

    /**
     * Embeddings average the face and its mirror image: measured 99.47 % vs 99.27 % LFW accuracy for one more pass
     * per face, run beside the direct pass (docs/face-engine.md). Fixed, because device and cloud templates must be
     * interchangeable.
     */
    static final boolean FLIP_AVERAGE = true;

    @Override
    public List<Face> analyze(byte[] encodedImage, Detail detail) throws ImageRejectedException {
        return analyze(encodedImage, detail, new StageTimes());
    }

    /** As {@link #analyze(byte[], Detail)}, recording time per stage into {@code times}. */
    public List<Face> analyze(byte[] encodedImage, Detail detail, StageTimes times) throws ImageRejectedException {
        long t0 = System.nanoTime();
        BgrImage img = ImageDecoder.decode(encodedImage);
        long decoded = System.nanoTime() - t0;
        times.decode += decoded;
        times.wall += decoded;
        return analyze(img, detail, times);
    }

    /** All faces in a decoded frame, largest first. */
    public List<Face> analyze(BgrImage img, Detail detail, StageTimes times) {
        long t0 = System.nanoTime();
        List<Detection> found = detector.detect(img);
        times.detect += System.nanoTime() - t0;
        found.sort(Comparator.comparingDouble(Detection::side).reversed());
        List<Face> faces = new ArrayList<>(found.size());
        for (Detection d : found) {
            if (d.side() >= MIN_FACE_PX) {
                faces.add(analyzeFace(img, d, detail, times));
            }
        }
        times.wall += System.nanoTime() - t0;
        return faces;
    }

    /**
     * Analyses a face at a known square box (for example a centre crop when the detector finds nothing,
     * as the verification benchmark does for failures to enrol).
     */
    public Face analyzeBox(BgrImage img, Detection box, Detail detail, StageTimes times) {
        long t0 = System.nanoTime();
        Face face = analyzeFace(img, box, detail, times);
        times.wall += System.nanoTime() - t0;
        return face;
    }

    private Face analyzeFace(BgrImage img, Detection box, Detail detail, StageTimes times) {
        // Liveness needs only the box: it runs beside landmarks and embedding (see SideTasks).
        long[] livenessNs = new long[1];
        FutureTask<Float> live = side.start(() -> {
            long start = System.nanoTime();
            float v = liveness.liveness(img, box);
            livenessNs[0] = System.nanoTime() - start;
            return v;
        });
        // So does the pose network (POSE and ALL): measured +25 % on an analysis when it ran after the rest.
        FutureTask<float[]> pose = detail == Detail.DEFAULT ? null : side.start(() -> attributes.pose(img, box));
        long t0 = System.nanoTime();
        Landmarks68.Result marks = landmarks.locate(img, box);
        double[] map = Alignment.alignedToSource(marks.fivePoints());
        long t1 = System.nanoTime();
        float[] embedding = embedder.embed(img, map, side);
        long t2 = System.nanoTime();
        float liveScore = SideTasks.join(live);
        long t3 = System.nanoTime();
        Face face = assembler.assemble(img, box, marks, embedding, liveScore, detail,
                pose == null ? null : SideTasks.join(pose));
        long t4 = System.nanoTime();
        times.align += t1 - t0;
        times.embed += t2 - t1;
        times.liveness += livenessNs[0];
        times.attributes += t4 - t3;
        return face;
    }

    /**
     * Hands every model run's input (detector, landmarks, embedder, liveness) to {@code listener}; null stops.
     * For {@code bench engine}, which replays them bare to measure the floor the pipeline's own work sits on.
     */
    public void tapModelRuns(Consumer<OnnxModel.Call> listener) {
        for (OnnxModel m : List.of(detectModel, landmarkModel, featureModel, livenessModel)) {
            m.tap(listener);
        }
    }

    @Override
    public int embeddingSize() {
        return Embedder.DIM;
    }

    @Override
    public void close() {
        side.close();
        attributes.close();
        detectModel.close();
        landmarkModel.close();
        featureModel.close();
        livenessModel.close();
    }
}

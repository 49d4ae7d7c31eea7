package com.facegate.bench.engine;

import com.facegate.engine.OnnxFaceEngine;
import com.facegate.engine.pipeline.OnnxModel;
import com.facegate.engine.pipeline.SideTasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * The compute floor of one analysis: the very model runs the pipeline just made for an image (same sessions, same
 * input tensors, recorded through {@link OnnxFaceEngine#tapModelRuns}), replayed with nothing but the sessions'
 * own work, on the pipeline's schedule: the detector, then per face its liveness pass offered to the side pool
 * while the landmarks run, then the mirrored embedding offered to the pool beside the direct one. What the engine
 * spends above this is its own pre- and post-processing (decode, crops, tensor copies, NMS, hand-offs).
 */
final class ModelFloor implements AutoCloseable {
    private final List<OnnxModel.Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final OnnxFaceEngine engine;
    private final SideTasks side;

    ModelFloor(OnnxFaceEngine engine, int sideThreads) {
        this.engine = engine;
        this.side = new SideTasks(sideThreads);
        engine.tapModelRuns(calls::add);
    }

    /** Forgets what was recorded so far (call before the analysis to replay). */
    void reset() {
        calls.clear();
    }

    /** Nanoseconds of the bare replay of the runs recorded since {@link #reset}; 0 when none was made. */
    long replay() {
        List<OnnxModel.Call> made;
        synchronized (calls) {
            made = new ArrayList<>(calls);
        }
        if (made.isEmpty()) {
            return 0; // the image was refused before any model ran
        }
        List<OnnxModel.Bare> detect = new ArrayList<>(), landmark = new ArrayList<>(), feature = new ArrayList<>(),
                liveness = new ArrayList<>();
        try {
            for (OnnxModel.Call c : made) {
                OnnxModel.Bare b = c.model().bare(c.data(), c.shape());
                switch (c.model().name()) {
                    case "fr_detect" -> detect.add(b);
                    case "fr_landmark" -> landmark.add(b);
                    case "fr_feature" -> feature.add(b);
                    case "fr_liveness" -> liveness.add(b);
                    default -> {
                        b.close();
                        throw new IllegalStateException("unexpected model in the pipeline: " + c.model().name());
                    }
                }
            }
            if (detect.size() != 1 || liveness.size() != landmark.size() || feature.size() != 2 * landmark.size()) {
                throw new IllegalStateException("runs do not match one detection and " + landmark.size()
                        + " face(s): " + made.size() + " runs");
            }
            long t0 = System.nanoTime();
            detect.get(0).run();
            for (int i = 0; i < landmark.size(); i++) {
                FutureTask<Void> live = side.start(run(liveness.get(i)));
                landmark.get(i).run();
                FutureTask<Void> mirror = side.start(run(feature.get(2 * i + 1)));
                feature.get(2 * i).run();
                SideTasks.join(mirror);
                SideTasks.join(live);
            }
            return System.nanoTime() - t0;
        } finally {
            for (List<OnnxModel.Bare> l : List.of(detect, landmark, feature, liveness)) {
                l.forEach(OnnxModel.Bare::close);
            }
        }
    }

    private static java.util.concurrent.Callable<Void> run(OnnxModel.Bare b) {
        return () -> {
            b.run();
            return null;
        };
    }

    @Override
    public void close() {
        engine.tapModelRuns(null);
        side.close();
    }
}

package com.facegate.device.liveness;

import com.facegate.engine.Face;
import com.facegate.engine.liveness.Blink;
import com.facegate.engine.liveness.FacePoints;
import com.facegate.engine.liveness.Framing;
import com.facegate.engine.liveness.Moire;
import com.facegate.engine.liveness.RigidMotion;
import com.facegate.protocol.LivenessCues;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The door's liveness policy over one approach: fr_liveness's texture score on the chosen frame, raised by a blink
 * and capped when the landmarks moved only as a plane (a picture carried or tilted). The moiré and framing cues are
 * measured and sent with the others but do not refuse yet (see below). A blink only ever helps and a still
 * approach judges no motion (people may hold still, and not blink, for the second an approach lasts): the cues can
 * catch a picture, never fail a person for what they did not do. Thresholds are the cue classes'
 * (engine.liveness); the floor is the cloud's FACEGATE_MIN_LIVENESS default.
 */
public final class ApproachLiveness {
    /** The cloud's default floor (FACEGATE_MIN_LIVENESS): the offline decider refuses below it, like the cloud. */
    public static final float FLOOR = 10f;
    /** What a blink adds to the texture score. */
    static final int BLINK_BONUS = 25;
    /** The score of an approach with a failed cue: under any floor that is not zero. */
    static final int FAILED_CAP = 5;

    private ApproachLiveness() {}

    /**
     * {@code approach}: the visitor's face per frame, in order, the chosen one among them; {@code frame}: the
     * chosen frame's pixels (every frame of a camera has its size).
     */
    public static LivenessVerdict assess(List<Face> approach, Face chosen, BufferedImage frame) {
        long t0 = System.nanoTime();
        int w = frame.getWidth(), h = frame.getHeight();
        Map<String, String> measures = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        int texture = Math.round(Math.max(0, Math.min(1, chosen.liveness())) * 100);
        measures.put(LivenessCues.TEXTURE, Integer.toString(texture));

        List<double[]> tracks = new ArrayList<>();
        double[] openness = new double[approach.size()];
        double eyes = 0;
        for (Face f : approach) {
            Optional<FacePoints> p = FacePoints.of(f, w, h);
            if (p.isEmpty()) {
                continue;
            }
            openness[tracks.size()] = p.get().eyeOpenness();
            tracks.add(p.get().tracked());
            eyes = eyes == 0 ? p.get().eyeDistance() : eyes;
        }
        Blink.Result blink = Blink.measure(Arrays.copyOf(openness, tracks.size()));
        measures.put(LivenessCues.BLINK, blink.blinked() ? "yes" : "no");
        RigidMotion.Result motion = RigidMotion.measure(tracks, eyes);
        measures.put("motion", (motion.measured() ? (motion.rigid() ? "rigid" : "turning") : "still") + ":"
                + fmt(motion.measured() ? motion.planeMiss() : motion.motion()));
        if (motion.rigid()) {
            failed.add(LivenessCues.RIGID_MOTION);
        }
        float[] square = FaceRegions.moireSquare(frame, chosen.box());
        if (square != null) {
            Moire.Result m = Moire.measure(square);
            // Measured and sent, not yet used to refuse: real LFW photos reach peak ratios of 50-600 (JPEG, hair,
            // contours), overlapping the screen grids synthesised here; it needs real screen replays to calibrate.
            measures.put(LivenessCues.MOIRE, fmt(m.peakiness()));
        } else {
            measures.put(LivenessCues.MOIRE, "small");
        }
        int[] face = FaceRegions.faceInFramingRegion(frame, chosen.box());
        Framing.Result framing = Framing.measure(FaceRegions.framingRegion(frame, chosen.box()),
                FaceRegions.FRAMING_SIDE, face[0], face[1], face[2], face[3]);
        // Measured and sent, not yet used to refuse: 13 of 32 real LFW photos show straight edges on three or four
        // sides (backgrounds, shoulders); it needs stricter edges and real prints to calibrate.
        measures.put(LivenessCues.FRAMING, Integer.toString(framing.sides()));
        int score = Math.min(100, texture + (blink.blinked() ? BLINK_BONUS : 0));
        if (!failed.isEmpty()) {
            score = Math.min(score, FAILED_CAP);
        }
        return new LivenessVerdict(score, LivenessCues.format(measures, failed), failed,
                (System.nanoTime() - t0) / 1e6);
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "na";
    }
}

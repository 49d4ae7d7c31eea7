package com.facegate.bench.engine;

import com.facegate.device.capture.Jpeg;
import com.facegate.device.gate.FrameScore;
import com.facegate.device.liveness.ApproachLiveness;
import com.facegate.device.liveness.LivenessVerdict;
import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.engine.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The door's liveness policy ({@link ApproachLiveness}) against synthetic presentation attacks made in memory from
 * the first photo of each of the first --limit people ({@link PresentationAttacks}), in ISO/IEC 30107-3 terms:
 * per attack type the APCER (share of attack approaches the policy accepts), and the BPCER (share of genuine
 * approaches it refuses) at the policy's operating point (floor {@link ApproachLiveness#FLOOR}, the cloud's default).
 * The genuine approaches are the real photos held still (BPCER) and an imitation of a head turning (reported
 * apart). Synthetic attacks bound only what they imitate.
 */
public final class LivenessBench {
    private static final List<String> TYPES = List.of("genuine_still", "genuine_turning", "print", "screen",
            "rigid_motion");

    /** --verbose: each approach's cues on stderr (to see why a threshold holds or not). */
    private static boolean verbose;

    private LivenessBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        return BenchArgs.run(args, out, List.of("images"), LivenessBench::measure,
                "usage: liveness --images <root>/<Person>/*.jpg [--limit 100] [--frames 6] [--seed 12] [--verbose]");
    }

    /** One type's tally: approaches, no face found in any frame, accepted, and which cue refused how often. */
    private static final class Tally {
        int approaches, noFace, accepted;
        final Map<String, Integer> caughtBy = new LinkedHashMap<>();
        final List<Double> cueMillis = new ArrayList<>();
    }

    private static int measure(BenchArgs a, PrintStream out) throws Exception {
        Path images = a.dir("images");
        int limit = a.getInt("limit", 100);
        int frames = a.getInt("frames", 6);
        Random r = new Random(a.getInt("seed", 12));
        verbose = a.has("verbose");
        Map<String, Tally> tallies = new LinkedHashMap<>();
        TYPES.forEach(t -> tallies.put(t, new Tally()));
        List<Double> engineMillis = new ArrayList<>();
        int people = 0;
        try (OnnxFaceEngine engine = OnnxFaceEngine.load()) {
            for (List<Path> photos : FaceSet.list(images).values()) {
                if (people >= limit) {
                    break;
                }
                BufferedImage photo;
                try {
                    photo = ImageDecoder.decodeImage(Files.readAllBytes(photos.get(0)));
                } catch (ImageRejectedException e) {
                    continue;
                }
                people++;
                for (String type : TYPES) {
                    approach(engine, type, sequence(type, photo, frames, r), tallies.get(type), engineMillis);
                }
            }
        }
        out.printf(Locale.ROOT, "liveness: %d people (first photo each), %d frames per approach, floor %.0f;"
                + " attacks are synthetic imitations made in memory%n", people, frames, ApproachLiveness.FLOOR);
        out.printf(Locale.ROOT, "%-16s %10s %7s %8s %8s  %s%n", "type", "approaches", "no_face", "accepted",
                "rate", "refused by cue");
        for (String type : TYPES) {
            Tally t = tallies.get(type);
            boolean genuine = type.startsWith("genuine");
            double rate = genuine ? refusedRate(t) : acceptedRate(t);
            out.printf(Locale.ROOT, "%-16s %10d %7d %8d %8.4f  %s %s%n", type, t.approaches, t.noFace, t.accepted,
                    rate, genuine ? "BPCER" : "APCER", t.caughtBy);
        }
        List<Double> cue = new ArrayList<>();
        tallies.values().forEach(t -> cue.addAll(t.cueMillis));
        out.printf(Locale.ROOT, "cues ms per approach: p50 %.2f p95 %.2f (%d approaches); engine ms per frame:"
                + " p50 %.1f (the door runs it anyway)%n", pct(cue, 0.5), pct(cue, 0.95), cue.size(),
                pct(engineMillis, 0.5));
        out.printf(Locale.ROOT, "liveness bpcer=%.4f apcer_print=%.4f apcer_screen=%.4f apcer_rigid_motion=%.4f%n",
                refusedRate(tallies.get("genuine_still")), acceptedRate(tallies.get("print")),
                acceptedRate(tallies.get("screen")), acceptedRate(tallies.get("rigid_motion")));
        return 0;
    }

    private static List<BufferedImage> sequence(String type, BufferedImage photo, int frames, Random r) {
        return switch (type) {
            case "genuine_still" -> PresentationAttacks.genuineStill(photo, frames, r);
            case "genuine_turning" -> PresentationAttacks.genuineTurning(photo, frames, r);
            case "print" -> PresentationAttacks.print(photo, frames, r);
            case "screen" -> PresentationAttacks.screen(photo, frames, r);
            case "rigid_motion" -> PresentationAttacks.rigidMotion(photo, frames, r);
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** One approach as the door sees it: each frame JPEG-encoded and analysed, the best frame chosen. */
    private static void approach(OnnxFaceEngine engine, String type, List<BufferedImage> frames, Tally t,
                                 List<Double> engineMillis) throws ImageRejectedException {
        t.approaches++;
        List<Face> approach = new ArrayList<>();
        Face chosen = null;
        BufferedImage chosenFrame = null;
        for (BufferedImage frame : frames) {
            long t0 = System.nanoTime();
            List<Face> faces = engine.analyze(Jpeg.encode(frame, 90), FaceEngine.Detail.DEFAULT);
            engineMillis.add((System.nanoTime() - t0) / 1e6);
            if (faces.isEmpty()) {
                continue;
            }
            Face f = faces.get(0);
            approach.add(f);
            if (chosen == null || FrameScore.of(f) > FrameScore.of(chosen)) {
                chosen = f;
                chosenFrame = frame;
            }
        }
        if (chosen == null) {
            t.noFace++; // nothing reaches the cloud: the attack fails, and is counted so
            return;
        }
        LivenessVerdict v = ApproachLiveness.assess(approach, chosen, chosenFrame);
        t.cueMillis.add(v.millis());
        if (verbose) {
            System.err.printf(Locale.ROOT, "%s score=%d %s%n", type, v.score(), v.cues());
        }
        if (!v.refused(ApproachLiveness.FLOOR)) {
            t.accepted++;
            return;
        }
        List<String> why = v.failed().isEmpty() ? List.of("texture") : v.failed();
        why.forEach(c -> t.caughtBy.merge(c, 1, Integer::sum));
    }

    private static double acceptedRate(Tally t) {
        return t.approaches == 0 ? 0 : t.accepted / (double) t.approaches;
    }

    private static double refusedRate(Tally t) {
        return t.approaches == 0 ? 0 : (t.approaches - t.accepted) / (double) t.approaches;
    }

    private static double pct(List<Double> v, double p) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }
}

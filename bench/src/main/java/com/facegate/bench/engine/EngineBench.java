package com.facegate.bench.engine;

import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.engine.pipeline.StageTimes;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-stage latency of {@link OnnxFaceEngine#analyze}, one image at a time, over photos of a folder (first photo of
 * each person, up to --limit), after a warm-up. DEFAULT detail unless --detail ALL. A face's liveness and mirrored
 * embedding pass run beside its direct pass on --side-threads threads (default: cores − 1; 0 runs all in line).
 * Each image's model runs are then replayed bare ({@link ModelFloor}): {@code floor_ms} is what ONNX Runtime alone
 * needs, {@code overhead_ratio} the engine's total p50 over it.
 */
public final class EngineBench {
    private EngineBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        return BenchArgs.run(args, out, List.of("images"), EngineBench::measure,
                "usage: engine --images <root>/<Person>/*.jpg [--limit 300] [--detail DEFAULT|ALL]"
                        + " [--side-threads N]");
    }

    private static int measure(BenchArgs a, PrintStream out) throws Exception {
        Path images = a.dir("images");
        int limit = a.getInt("limit", 300);
        FaceEngine.Detail detail = FaceEngine.Detail.valueOf(a.get("detail", "DEFAULT"));
        int sideThreads = a.getInt("side-threads", Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
        List<byte[]> photos = new ArrayList<>();
        for (List<Path> ps : FaceSet.list(images).values()) {
            if (photos.size() >= limit) {
                break;
            }
            photos.add(Files.readAllBytes(ps.get(0)));
        }
        int n = photos.size();
        long[][] t = new long[9][n];
        int faces = 0;
        // The attribute models of --detail ALL are not replayed: the floor is the DEFAULT pipeline's.
        boolean bareFloor = detail == FaceEngine.Detail.DEFAULT;
        try (OnnxFaceEngine engine = OnnxFaceEngine.load(sideThreads);
             ModelFloor floor = new ModelFloor(engine, sideThreads)) {
            for (int i = 0; i < Math.min(20, n); i++) {
                floor.reset();
                engine.analyze(photos.get(i), detail);
                floor.replay();
            }
            for (int i = 0; i < n; i++) {
                StageTimes s = new StageTimes();
                floor.reset();
                try {
                    faces += engine.analyze(photos.get(i), detail, s).size();
                } catch (ImageRejectedException e) {
                    out.println("rejected: " + e.getMessage());
                }
                long[] v = {s.decode, s.detect, s.align, s.embed, s.attributes, s.liveness, s.work(), s.wall,
                        bareFloor ? floor.replay() : 0};
                for (int k = 0; k < v.length; k++) {
                    t[k][i] = v[k];
                }
            }
        }
        String[] names = {"decode", "detect", "align", "embed", "attributes", "liveness", "work", "total", "floor"};
        double[] p50 = new double[9], p95 = new double[9];
        for (int k = 0; k < (bareFloor ? names.length : names.length - 1); k++) {
            Arrays.sort(t[k]);
            p50[k] = t[k][n / 2] / 1e6;
            p95[k] = t[k][Math.min(n - 1, n * 95 / 100)] / 1e6;
            out.printf(Locale.ROOT, "%-10s p50 %6.2f ms  p95 %6.2f ms%n", names[k], p50[k], p95[k]);
        }
        out.printf(Locale.ROOT, "%d images, %d faces, detail %s, one image at a time, %d side thread(s) for a face's "
                + "parallel passes; work = sum of stages, total = elapsed; floor = the same model runs on the same "
                + "tensors replayed bare (ONNX Runtime alone) on the same schedule, right after each image%n", n,
                faces, detail, sideThreads);
        out.printf(Locale.ROOT, "engine detect_p50_ms=%.2f embed_p50_ms=%.2f total_p50_ms=%.2f total_p95_ms=%.2f",
                p50[1], p50[3], p50[7], p95[7]);
        out.println(bareFloor ? String.format(Locale.ROOT, " floor_ms=%.2f overhead_ratio=%.2f", p50[8],
                p50[7] / p50[8]) : "");
        return 0;
    }
}

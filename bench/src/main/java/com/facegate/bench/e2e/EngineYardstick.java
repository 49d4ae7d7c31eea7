package com.facegate.bench.e2e;

import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's own time for one single-face photo (decode to embedding, as {@code bench engine} reports it as
 * total), measured in the same run as the visits: what the site's figures are divided by, so the ratio does not
 * depend on the machine or its load.
 */
final class EngineYardstick {
    private EngineYardstick() {}

    /** Median milliseconds of one analysis over those {@code photos} in which the engine finds exactly one face. */
    static double singleFaceP50Ms(FaceEngine engine, List<Path> photos) throws IOException {
        List<Long> nanos = new ArrayList<>();
        for (Path p : photos) {
            byte[] bytes = Files.readAllBytes(p);
            long t0 = System.nanoTime();
            int faces;
            try {
                faces = engine.analyze(bytes, FaceEngine.Detail.DEFAULT).size();
            } catch (ImageRejectedException e) {
                continue;
            }
            long spent = System.nanoTime() - t0;
            if (faces == 1) {
                nanos.add(spent);
            }
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return Report.pct(sorted, 50);
    }

    /** {@code ratio_to_engine}: the visit's face-to-relay p95 over the engine's single-face p50, same run. */
    static double ratioToEngine(double faceToRelayP95Ms, double engineP50Ms) {
        return faceToRelayP95Ms / engineP50Ms;
    }

    /** The last line's tail: {@code engine_p50_ms=.. ratio_to_engine=..}. */
    static String lastLineFields(double faceToRelayP95Ms, double engineP50Ms) {
        return String.format(Locale.ROOT, "engine_p50_ms=%.1f ratio_to_engine=%.2f", engineP50Ms,
                ratioToEngine(faceToRelayP95Ms, engineP50Ms));
    }
}

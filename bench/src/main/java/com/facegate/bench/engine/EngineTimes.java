package com.facegate.bench.engine;

import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's single-face total time, one image at a time after a warm-up, as {@code bench engine} measures its
 * {@code total_p50_ms}: what other benches divide by, measured in their own run, so that their ratio does not
 * depend on the machine.
 */
public final class EngineTimes {
    private EngineTimes() {}

    /** p50 in ms of {@code analyze} (DEFAULT detail) over the photos, after analysing up to 10 of them once. */
    public static double totalP50Millis(FaceEngine engine, List<byte[]> photos) {
        if (photos.isEmpty()) {
            return Double.NaN;
        }
        for (int i = 0; i < Math.min(10, photos.size()); i++) {
            analyze(engine, photos.get(i));
        }
        long[] t = new long[photos.size()];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            analyze(engine, photos.get(i));
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[t.length / 2] / 1e6;
    }

    private static void analyze(FaceEngine engine, byte[] photo) {
        try {
            engine.analyze(photo, FaceEngine.Detail.DEFAULT);
        } catch (ImageRejectedException e) {
            // counted like any other image: the engine's time to say no
        }
    }
}

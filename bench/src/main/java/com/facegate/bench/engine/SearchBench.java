package com.facegate.bench.engine;

import com.facegate.engine.index.FaceIndex;
import com.facegate.engine.index.SignCodeIndex;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * 1:N search at scale on random unit vectors, with planted near-duplicates (a stored face plus noise, at a
 * chosen cosine) to measure recall. Compares the default index with an exact multi-threaded float scan.
 * Needs about 2.5 KB of heap per face: -Xmx3g for 1 M faces.
 */
public final class SearchBench {
    private SearchBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        BenchArgs a = new BenchArgs(args);
        int n = a.getInt("faces", 1_000_000);
        int dim = a.getInt("dim", 512);
        int queries = a.getInt("queries", 200);
        float plantCos = Float.parseFloat(a.get("plant-cosine", "0.5"));
        long needMb = (long) n * (dim * 4L + dim / 8 + 64) / (1 << 20) + 256;
        if (Runtime.getRuntime().maxMemory() / (1 << 20) < needMb) {
            out.printf("usage: search --faces N [--dim 512] [--queries 200] [--plant-cosine 0.5]; needs -Xmx%dm or "
                    + "more%n", needMb);
            return 2;
        }
        SplittableRandom rnd = new SplittableRandom(42);
        long t0 = System.nanoTime();
        FaceIndex index = FaceIndex.create(dim);
        float[] v = new float[dim];
        int[] planted = new int[queries];
        float[][] probes = new float[queries][];
        for (int q = 0; q < queries; q++) {
            planted[q] = rnd.nextInt(n);
        }
        Arrays.sort(planted);
        for (int i = 0, q = 0; i < n; i++) {
            unit(rnd, v);
            index.add(Integer.toString(i), v);
            while (q < queries && planted[q] == i) {
                probes[q++] = near(rnd, v, plantCos);
            }
        }
        double buildS = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "built %s with %d faces of %d dims in %.1f s%n", index.getClass().getSimpleName(), n,
                dim, buildS);
        long[] lat = new long[queries];
        int found = 0;
        for (int q = 0; q < queries; q++) {
            long s = System.nanoTime();
            List<FaceIndex.Hit> hits = index.search(probes[q], 10, 0.2f);
            lat[q] = System.nanoTime() - s;
            found += !hits.isEmpty() && hits.get(0).faceId().equals(Integer.toString(planted[q])) ? 1 : 0;
        }
        // Second pass to measure warm latency (first queries include JIT and page faults).
        for (int q = 0; q < queries; q++) {
            long s = System.nanoTime();
            index.search(probes[q], 10, 0.2f);
            lat[q] = System.nanoTime() - s;
        }
        Arrays.sort(lat);
        double p50 = lat[queries / 2] / 1e6, p95 = lat[queries * 95 / 100] / 1e6;
        out.printf(Locale.ROOT, "recall@1 of planted near-duplicates (cosine %.2f): %.4f; p50 %.2f ms p95 %.2f ms%n",
                plantCos, found / (double) queries, p50, p95);
        if (index instanceof SignCodeIndex sci && a.has("compare-exact")) {
            long[] ex = new long[Math.min(queries, 20)];
            for (int q = 0; q < ex.length; q++) {
                long s = System.nanoTime();
                sci.searchExact(probes[q], 10, 0.2f);
                ex[q] = System.nanoTime() - s;
            }
            Arrays.sort(ex);
            out.printf(Locale.ROOT, "exact float scan (2 threads) p50 %.2f ms p95 %.2f ms%n", ex[ex.length / 2] / 1e6,
                    ex[ex.length * 95 / 100] / 1e6);
        }
        System.gc();
        out.printf(Locale.ROOT, "search faces=%d p50_ms=%.2f p95_ms=%.2f build_s=%.1f rss_mb=%d%n", n, p50, p95,
                buildS, rssMb());
        return 0;
    }

    public static void unit(SplittableRandom rnd, float[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            // Sum of uniforms: close enough to Gaussian for direction sampling, and fast.
            float x = (float) (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5);
            v[i] = x;
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }

    /** A unit vector at cosine {@code c} from unit {@code v}. */
    public static float[] near(SplittableRandom rnd, float[] v, float c) {
        float[] r = new float[v.length];
        unit(rnd, r);
        double d = 0;
        for (int i = 0; i < v.length; i++) {
            d += r[i] * v[i];
        }
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            r[i] -= (float) d * v[i];
            s += r[i] * r[i];
        }
        float sin = (float) Math.sqrt(1 - c * c), inv = (float) (1 / Math.sqrt(s));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = c * v[i] + sin * r[i] * inv;
        }
        return out;
    }

    public static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: report what the heap holds instead.
        }
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}

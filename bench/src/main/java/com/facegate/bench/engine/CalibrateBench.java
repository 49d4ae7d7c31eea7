package com.facegate.bench.engine;

import com.facegate.engine.Similarity;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures FAR and FRR over every pair of photos in a labelled folder (all cross-identity pairs are impostors,
 * all same-identity pairs plus the pairs file's genuine pairs are genuine), prints the cosine reached at
 * FAR 1e-2 … 1e-6 (the anchors of {@link Similarity}), and FAR/FRR at similarity thresholds 80/90/95/99.
 */
public final class CalibrateBench {
    private CalibrateBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        return BenchArgs.run(args, out, List.of("images"), CalibrateBench::calibrate,
                "usage: calibrate --images <root>/<Person>/*.jpg [--pairs pairs.txt] [--threads 2]"
                        + " [--cache embeddings.bin] [--store target/bench-embeddings.bin|none]"
                        + " [--table engine-far.tsv] [--errata same-person.txt]");
    }

    private static int calibrate(BenchArgs a, PrintStream out) throws Exception {
        Path images = a.dir("images");
        Map<String, List<Path>> people = FaceSet.list(images);
        List<Path> photos = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        Map<Path, Integer> at = new HashMap<>();
        int person = 0;
        for (List<Path> ps : people.values()) {
            for (Path p : ps) {
                at.put(p, photos.size());
                photos.add(p);
                owner.add(person);
            }
            person++;
        }
        // Known label errors (one person under two names, the same photo filed twice) are not impostor pairs:
        // left in, a handful of them would set the whole tail of the false-accept table.
        int[] sameAs = new int[people.size()];
        java.util.Arrays.fill(sameAs, -1);
        List<String> names = new ArrayList<>(people.keySet());
        for (List<String> pair : IdentifyPlan.errataPairs(a.has("errata") ? Path.of(a.get("errata", "")) : null)) {
            int x = names.indexOf(pair.get(0));
            int y = names.indexOf(pair.get(1));
            if (x >= 0 && y >= 0) {
                sameAs[x] = y;
                sameAs[y] = x;
            }
        }
        FaceSet.Embedded emb = FaceSet.embed(a, photos);
        float[][] v = emb.vectors();
        int n = v.length;
        long impostorCount = 0;
        List<Float> genuine = new ArrayList<>();
        float[] impostor = new float[(int) Math.min(Integer.MAX_VALUE - 8, (long) n * (n - 1) / 2)];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float c = Similarity.cosine(v[i], v[j]);
                if (owner.get(i).equals(owner.get(j))) {
                    genuine.add(c);
                } else if (sameAs[owner.get(i)] != owner.get(j)) {
                    impostor[(int) impostorCount++] = c;
                }
            }
        }
        if (a.has("pairs")) {
            for (String line : Files.readAllLines(Path.of(a.get("pairs", "")))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    Integer x = at.get(images.resolve(f[0]).resolve(String.format(Locale.ROOT, "%s_%04d.jpg", f[0],
                            Integer.parseInt(f[1]))));
                    Integer y = at.get(images.resolve(f[0]).resolve(String.format(Locale.ROOT, "%s_%04d.jpg", f[0],
                            Integer.parseInt(f[2]))));
                    if (x != null && y != null) {
                        genuine.add(Similarity.cosine(v[x], v[y]));
                    }
                }
            }
        }
        float[] imp = Arrays.copyOf(impostor, (int) impostorCount);
        Arrays.sort(imp);
        float[] gen = new float[genuine.size()];
        for (int i = 0; i < gen.length; i++) {
            gen[i] = genuine.get(i);
        }
        Arrays.sort(gen);
        out.printf(Locale.ROOT, "%d photos, %d people, %d impostor pairs, %d genuine pairs%n", n, people.size(),
                imp.length, gen.length);
        for (double far : new double[] {1e-1, 3e-2, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6}) {
            int k = (int) Math.floor(far * imp.length);
            float c = imp[imp.length - 1 - k];
            out.printf(Locale.ROOT, "FAR %.0e at cosine > %.4f: FRR %.4f%n", far, c, below(gen, c));
        }
        out.printf(Locale.ROOT, "max impostor cosine %.4f%n", imp[imp.length - 1]);
        StringBuilder last = new StringBuilder("calibrate impostors=" + imp.length + " genuine=" + gen.length);
        for (int s : new int[] {80, 90, 95, 99}) {
            float c = Similarity.toCosine(s);
            double far = above(imp, c);
            double frr = below(gen, c);
            out.printf(Locale.ROOT, "similarity %d (cosine %.4f): FAR %.2e (%d pairs) FRR %.4f%n", s, c, far,
                    Math.round(far * imp.length), frr);
            last.append(String.format(Locale.ROOT, " far_%d=%.2e frr_%d=%.4f", s, far, s, frr));
        }
        out.println(last);
        if (a.has("table")) {
            Path table = Path.of(a.get("table", ""));
            FarTableWriter.write(table, imp, gen, String.format(Locale.ROOT, "%s: %d photos, %d people%s",
                    images.toAbsolutePath().normalize().getFileName(), n, people.size(), a.has("errata")
                            ? " (pairs between names of " + Path.of(a.get("errata", "")).getFileName()
                            + " left out: label errors)" : ""));
            out.println("wrote " + table);
        }
        return 0;
    }

    /** Share of sorted values at or above c: the pairs a threshold score accepts. */
    private static double above(float[] sorted, float c) {
        int i = lowerBound(sorted, c);
        return (sorted.length - i) / (double) sorted.length;
    }

    private static double below(float[] sorted, float c) {
        return lowerBound(sorted, c) / (double) sorted.length;
    }

    /** First index with value >= c. */
    private static int lowerBound(float[] a, float c) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] < c) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }
}

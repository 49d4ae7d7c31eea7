package com.facegate.bench.engine;

import com.facegate.engine.Similarity;

import java.io.IOException;
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
 * LFW-protocol verification: k folds from the pairs file (first line "folds<TAB>pairsPerClass"), threshold
 * chosen on the other folds and tested on each; accuracy, TAR at FAR=1e-3 (pooled over all pairs), and
 * failures to enrol.
 */
public final class VerifyBench {
    private VerifyBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        return BenchArgs.run(args, out, List.of("pairs", "images"), VerifyBench::verify,
                "usage: verify --pairs pairs.txt --images <root>/<Person>/<Person>_NNNN.jpg"
                        + " [--threads 2] [--cache embeddings.bin]");
    }

    private static int verify(BenchArgs a, PrintStream out) throws IOException {
        Path pairsFile = a.dir("pairs");
        Path images = a.dir("images");
        List<String> lines = Files.readAllLines(pairsFile);
        String[] head = lines.get(0).trim().split("\\s+");
        int folds = Integer.parseInt(head[0]), perClass = Integer.parseInt(head[1]);
        List<Pair> pairs = readPairs(lines);
        if (pairs.size() != folds * perClass * 2) {
            out.printf("warning: %d pairs, header says %d%n", pairs.size(), folds * perClass * 2);
        }
        Map<Path, Integer> index = new HashMap<>();
        List<Path> photos = photos(pairs, images, index);
        long t0 = System.nanoTime();
        FaceSet.Embedded emb = FaceSet.embed(photos, a.getInt("threads", 2),
                a.has("cache") ? Path.of(a.get("cache", "")) : null);
        out.printf(Locale.ROOT, "embedded %d photos in %.1f s, %d without a detected face (centre crop used)%n",
                photos.size(), (System.nanoTime() - t0) / 1e9, emb.failures());
        int n = pairs.size();
        float[] cos = new float[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            Pair p = pairs.get(i);
            cos[i] = Similarity.cosine(emb.vectors()[index.get(p.path(images, true))],
                    emb.vectors()[index.get(p.path(images, false))]);
            same[i] = p.same();
        }
        int foldSize = n / folds;
        double accSum = 0;
        double[] accs = new double[folds];
        for (int k = 0; k < folds; k++) {
            int lo = k * foldSize, hi = (k == folds - 1) ? n : lo + foldSize;
            float th = bestThreshold(cos, same, lo, hi);
            int correct = 0;
            for (int i = lo; i < hi; i++) {
                correct += ((cos[i] >= th) == same[i]) ? 1 : 0;
            }
            accs[k] = correct / (double) (hi - lo);
            accSum += accs[k];
            out.printf(Locale.ROOT, "fold %d: threshold cos=%.4f (score %.1f) accuracy %.4f%n", k + 1, th,
                    Similarity.toScore(th), accs[k]);
        }
        double accuracy = accSum / folds;
        double tar = tarAtFar(cos, same, 1e-3);
        double fte = emb.failures() / (double) photos.size();
        double std = 0;
        for (double x : accs) {
            std += (x - accuracy) * (x - accuracy);
        }
        out.printf(Locale.ROOT, "accuracy %.4f ± %.4f, TAR@FAR=1e-3 %.4f%n", accuracy, Math.sqrt(std / folds), tar);
        out.printf(Locale.ROOT, "verify pairs=%d accuracy=%.4f tar_at_far_1e-3=%.4f fte=%.4f%n", n, accuracy, tar, fte);
        return 0;
    }

    static List<Pair> readPairs(List<String> lines) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length == 3) {
                pairs.add(new Pair(f[0], Integer.parseInt(f[1]), f[0], Integer.parseInt(f[2]), true));
            } else if (f.length == 4) {
                pairs.add(new Pair(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), false));
            }
        }
        return pairs;
    }

    /** The distinct photos of the pairs in first-use order (the embedding cache order); fills {@code index}. */
    static List<Path> photos(List<Pair> pairs, Path images, Map<Path, Integer> index) {
        List<Path> photos = new ArrayList<>();
        for (Pair p : pairs) {
            for (Path ph : List.of(p.path(images, true), p.path(images, false))) {
                index.computeIfAbsent(ph, k -> {
                    photos.add(k);
                    return photos.size() - 1;
                });
            }
        }
        return photos;
    }

    /** Threshold maximising accuracy on all pairs outside [lo, hi). */
    static float bestThreshold(float[] cos, boolean[] same, int lo, int hi) {
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < cos.length; i++) {
            if (i < lo || i >= hi) {
                train.add(i);
            }
        }
        train.sort((x, y) -> Float.compare(cos[x], cos[y]));
        int positives = 0;
        for (int i : train) {
            positives += same[i] ? 1 : 0;
        }
        // Threshold just above element j: everything at or below j rejected.
        int best = positives, bestJ = -1, correct = positives;
        for (int j = 0; j < train.size(); j++) {
            correct += same[train.get(j)] ? -1 : 1;
            if (correct > best) {
                best = correct;
                bestJ = j;
            }
        }
        if (bestJ < 0) {
            return cos[train.get(0)] - 1e-6f;
        }
        if (bestJ == train.size() - 1) {
            return cos[train.get(bestJ)] + 1e-6f;
        }
        return (cos[train.get(bestJ)] + cos[train.get(bestJ + 1)]) / 2;
    }

    /** Fraction of genuine pairs above the threshold at which at most {@code far} of impostor pairs pass. */
    static double tarAtFar(float[] cos, boolean[] same, double far) {
        float[] imp = impostors(cos, same);
        Arrays.sort(imp);
        int allowed = (int) Math.floor(far * imp.length);
        float th = imp[imp.length - 1 - allowed] ;
        int g = 0, pass = 0;
        for (int i = 0; i < cos.length; i++) {
            if (same[i]) {
                g++;
                pass += cos[i] > th ? 1 : 0;
            }
        }
        return pass / (double) g;
    }

    private static float[] impostors(float[] cos, boolean[] same) {
        int m = 0;
        for (boolean s : same) {
            m += s ? 0 : 1;
        }
        float[] imp = new float[m];
        for (int i = 0, j = 0; i < cos.length; i++) {
            if (!same[i]) {
                imp[j++] = cos[i];
            }
        }
        return imp;
    }

    record Pair(String a, int ia, String b, int ib, boolean same) {
        Path path(Path root, boolean first) {
            String name = first ? a : b;
            int i = first ? ia : ib;
            return root.resolve(name).resolve(String.format(Locale.ROOT, "%s_%04d.jpg", name, i));
        }
    }
}

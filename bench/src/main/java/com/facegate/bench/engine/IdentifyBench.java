package com.facegate.bench.engine;

import com.facegate.engine.Similarity;
import com.facegate.engine.index.FaceIndex;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Open-set 1:N identification: enrol the first photo of everyone with two or more photos, probe with their
 * other photos (mated) and with every photo of people with one photo (non-mated strangers). The threshold
 * is set so that at most 1e-3 of stranger probes get any hit (FPIR); FNIR is the share of mated probes whose
 * best hit is missing, wrong, or under that threshold.
 */
public final class IdentifyBench {
    private IdentifyBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        return BenchArgs.run(args, out, List.of("images"), IdentifyBench::identify,
                "usage: identify --images <root>/<Person>/*.jpg [--threads 2] [--cache embeddings.bin]"
                        + " [--errata same-person.txt]");
    }

    private static int identify(BenchArgs a, PrintStream out) throws Exception {
        Path images = a.dir("images");
        Map<String, List<Path>> people = FaceSet.list(images);
        // Known label errors: one person filed under two names. A "stranger" photo of someone enrolled under
        // another spelling is not a stranger, so such photos are dropped from the non-mated probes.
        java.util.Set<String> sameAsEnrolled = new java.util.HashSet<>();
        if (a.has("errata")) {
            for (String line : java.nio.file.Files.readAllLines(Path.of(a.get("errata", "")))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && !f[0].startsWith("#")) {
                    sameAsEnrolled.add(f[0]);
                    sameAsEnrolled.add(f[1]);
                }
            }
        }
        List<Path> photos = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        int person = 0;
        List<String> names = new ArrayList<>(people.keySet());
        for (List<Path> ps : people.values()) {
            for (Path p : ps) {
                photos.add(p);
                owner.add(person);
            }
            counts.add(ps.size());
            person++;
        }
        long t0 = System.nanoTime();
        FaceSet.Embedded emb = FaceSet.embed(photos, a.getInt("threads", 2),
                a.has("cache") ? Path.of(a.get("cache", "")) : null);
        out.printf(Locale.ROOT, "embedded %d photos of %d people in %.1f s (%d centre-crop fallbacks)%n", photos.size(),
                people.size(), (System.nanoTime() - t0) / 1e9, emb.failures());
        FaceIndex index = FaceIndex.create(emb.vectors()[0].length);
        List<Integer> mated = new ArrayList<>(), strangers = new ArrayList<>();
        int prevOwner = -1;
        for (int i = 0; i < photos.size(); i++) {
            int o = owner.get(i);
            if (counts.get(o) < 2) {
                if (!sameAsEnrolled.contains(names.get(o))) {
                    strangers.add(i);
                }
            } else if (o != prevOwner) {
                index.add(Integer.toString(o), emb.vectors()[i]);
            } else {
                mated.add(i);
            }
            prevOwner = o;
        }
        float[] strangerBest = new float[strangers.size()];
        for (int k = 0; k < strangers.size(); k++) {
            var hits = index.search(emb.vectors()[strangers.get(k)], 1, -1f);
            strangerBest[k] = hits.isEmpty() ? -1f : hits.get(0).cosine();
        }
        if (a.has("debug")) {
            for (int k = 0; k < strangers.size(); k++) {
                if (strangerBest[k] > 0.5f) {
                    var hit = index.search(emb.vectors()[strangers.get(k)], 1, -1f).get(0);
                    out.printf(Locale.ROOT, "stranger %s ~ enrolled %s cos %.3f%n",
                            photos.get(strangers.get(k)).getFileName(),
                            photos.get(owner.indexOf(Integer.parseInt(hit.faceId()))).getFileName(), hit.cosine());
                }
            }
        }
        Arrays.sort(strangerBest);
        int allowed = (int) Math.floor(1e-3 * strangerBest.length);
        float threshold = Math.nextUp(strangerBest[strangerBest.length - 1 - allowed]);
        int misses = 0, wrong = 0;
        for (int i : mated) {
            var hits = index.search(emb.vectors()[i], 1, threshold);
            if (hits.isEmpty()) {
                misses++;
            } else if (!hits.get(0).faceId().equals(Integer.toString(owner.get(i)))) {
                wrong++;
                misses++;
            }
        }
        double fnir = misses / (double) mated.size();
        out.printf(Locale.ROOT, "gallery %d, mated probes %d, stranger probes %d%n", index.size(), mated.size(),
                strangers.size());
        out.printf(Locale.ROOT, "threshold cos %.4f = similarity %.2f; FNIR %.4f (%d wrong identity at top-1) at FPIR "
                + "%.4f%n",
                threshold, Similarity.toScore(threshold), fnir, wrong, allowed / (double) strangerBest.length);
        for (int score : new int[] {90, 95, 99}) {
            float c = Similarity.toCosine(score);
            int fp = 0;
            for (float b : strangerBest) {
                fp += b >= c ? 1 : 0;
            }
            int miss = 0;
            for (int i : mated) {
                var hits = index.search(emb.vectors()[i], 1, c);
                miss += hits.isEmpty() || !hits.get(0).faceId().equals(Integer.toString(owner.get(i))) ? 1 : 0;
            }
            out.printf(Locale.ROOT, "at similarity %d: FPIR %.4f (%d strangers) FNIR %.4f%n", score,
                    fp / (double) strangerBest.length, fp, miss / (double) mated.size());
        }
        out.printf(Locale.ROOT, "identify enrolled=%d probes=%d fnir_at_fpir_1e-3=%.4f threshold=%.2f%n", index.size(),
                mated.size() + strangers.size(), fnir, Similarity.toScore(threshold));
        return 0;
    }
}

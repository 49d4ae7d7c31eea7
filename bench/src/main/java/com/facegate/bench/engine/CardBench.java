package com.facegate.bench.engine;

import com.facegate.engine.Similarity;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code identify --mode card}: the door reads a badge card and verifies 1:1 against that badge's enrolled photos, so
 * the false-accept rate does not grow with the people enrolled. Badges: the people of {@code --images} with two or
 * more photos, each enrolled with their first min(K, n − 1) photos (K = {@code --photos-per-person}, default 1) and
 * scored by the best of them. Genuine: each remaining photo with its own card. Impostor: every photo of every other
 * person (one-photo people included) with each card — all the pairs the data allows, less those between two names
 * of the errata (one person filed twice). FNIR at FAR x: genuine pairs under the similarity that at most x of the
 * impostor pairs reach.
 */
final class CardBench {
    static final double[] FARS = {1e-3, 1e-4, 1e-5};

    private CardBench() {}

    /** Genuine and impostor scores (cosine) of every card-and-face pair. */
    record Pairs(float[] genuine, float[] impostor) {}

    static int run(BenchArgs a, PrintStream out) throws Exception {
        Path images = a.dir("images");
        int perPerson = a.getInt("photos-per-person", 1);
        if (perPerson < 1) {
            throw new IllegalArgumentException("--photos-per-person must be >= 1");
        }
        Map<String, List<Path>> people = FaceSet.list(images);
        List<Path> photos = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<String> names = new ArrayList<>(people.keySet());
        for (int p = 0; p < names.size(); p++) {
            for (Path photo : people.get(names.get(p))) {
                photos.add(photo);
                owner.add(p);
            }
        }
        long t0 = System.nanoTime();
        FaceSet.Embedded emb = FaceSet.embed(a, photos);
        out.printf(Locale.ROOT, "embedded %d photos of %d people in %.1f s (%d centre-crop fallbacks)%n",
                photos.size(), names.size(), (System.nanoTime() - t0) / 1e9, emb.failures());
        List<List<String>> errata = IdentifyPlan.errataPairs(a.has("errata") ? Path.of(a.get("errata", "")) : null);
        Pairs pairs = score(names, owner.stream().mapToInt(Integer::intValue).toArray(), emb.vectors(), perPerson,
                errata, a.getInt("threads", 2));
        out.printf(Locale.ROOT, "cards: %d badges (people with >= 2 photos, up to %d enrolled photos each, scored by"
                        + " the best); %d genuine pairs (card + own face), %d impostor pairs (card + every other"
                        + " person's photo)%n", countBadges(people), perPerson, pairs.genuine().length,
                pairs.impostor().length);
        double fnir5 = 0;
        for (double far : FARS) {
            float t = threshold(pairs.impostor(), far);
            double fnir = fnir(pairs.genuine(), t);
            boolean measurable = far * pairs.impostor().length >= 10;
            out.printf(Locale.ROOT, "  FAR %.0e: similarity %.3f, FNIR %.4f%s%n", far, Similarity.toScore(t), fnir,
                    measurable ? "" : " [fewer than 10 impostor pairs above: FAR not well measured]");
            fnir5 = fnir;
        }
        out.printf(Locale.ROOT, "identify mode=card fnir_at_far_1e-5=%.4f%n", fnir5);
        return 0;
    }

    private static int countBadges(Map<String, List<Path>> people) {
        return (int) people.values().stream().filter(ps -> ps.size() >= 2).count();
    }

    /**
     * Scores every card with every photo: {@code owner[i]} is photo i's person (photos of one person are
     * contiguous, in file order); a card's enrolled photos are its person's first min(K, n − 1).
     */
    static Pairs score(List<String> names, int[] owner, float[][] vectors, int perPerson,
                       List<List<String>> errata, int threads) throws Exception {
        int people = names.size();
        Map<Integer, Set<Integer>> samePerson = new HashMap<>();
        for (List<String> pair : errata) {
            int x = names.indexOf(pair.get(0));
            int y = names.indexOf(pair.get(1));
            if (x >= 0 && y >= 0) {
                samePerson.computeIfAbsent(x, q -> new HashSet<>()).add(y);
                samePerson.computeIfAbsent(y, q -> new HashSet<>()).add(x);
            }
        }
        int[] first = new int[people + 1];
        Arrays.fill(first, -1);
        for (int i = owner.length - 1; i >= 0; i--) {
            first[owner[i]] = i;
        }
        first[people] = owner.length;
        List<Integer> cards = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            if (first[p + 1] - first[p] >= 2) {
                cards.add(p);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Pairs>> jobs = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int offset = t;
                jobs.add(pool.submit(() -> {
                    Scores s = new Scores();
                    for (int c = offset; c < cards.size(); c += threads) {
                        int p = cards.get(c);
                        int n = first[p + 1] - first[p];
                        int k = Math.min(perPerson, n - 1);
                        Set<Integer> twice = samePerson.getOrDefault(p, Set.of());
                        for (int i = 0; i < owner.length; i++) {
                            boolean own = owner[i] == p;
                            if (own ? i < first[p] + k : twice.contains(owner[i])) {
                                continue; // an enrolled photo is no probe; one person under two names no impostor
                            }
                            float best = -2f;
                            for (int e = first[p]; e < first[p] + k; e++) {
                                best = Math.max(best, Similarity.cosine(vectors[i], vectors[e]));
                            }
                            s.add(own, best);
                        }
                    }
                    return s.pairs();
                }));
            }
            List<Pairs> parts = new ArrayList<>();
            for (Future<Pairs> j : jobs) {
                parts.add(j.get());
            }
            return merge(parts);
        } finally {
            pool.shutdown();
        }
    }

    /** Cosine at or above which at most {@code far} of the impostor scores lie (sorted in place). */
    static float threshold(float[] impostor, double far) {
        Arrays.sort(impostor);
        return IdentifyBench.thresholdAt(impostor, far);
    }

    static double fnir(float[] genuine, float threshold) {
        int misses = 0;
        for (float g : genuine) {
            misses += g < threshold ? 1 : 0;
        }
        return genuine.length == 0 ? 0 : misses / (double) genuine.length;
    }

    private static Pairs merge(List<Pairs> parts) {
        int g = parts.stream().mapToInt(p -> p.genuine().length).sum();
        int im = parts.stream().mapToInt(p -> p.impostor().length).sum();
        float[] genuine = new float[g];
        float[] impostor = new float[im];
        int gi = 0;
        int ii = 0;
        for (Pairs p : parts) {
            System.arraycopy(p.genuine(), 0, genuine, gi, p.genuine().length);
            System.arraycopy(p.impostor(), 0, impostor, ii, p.impostor().length);
            gi += p.genuine().length;
            ii += p.impostor().length;
        }
        return new Pairs(genuine, impostor);
    }

    /** Growable score arrays of one thread. */
    private static final class Scores {
        private float[] genuine = new float[1024];
        private float[] impostor = new float[1 << 16];
        private int g;
        private int im;

        void add(boolean own, float score) {
            if (own) {
                if (g == genuine.length) {
                    genuine = Arrays.copyOf(genuine, g * 2);
                }
                genuine[g++] = score;
            } else {
                if (im == impostor.length) {
                    impostor = Arrays.copyOf(impostor, im * 2);
                }
                impostor[im++] = score;
            }
        }

        Pairs pairs() {
            return new Pairs(Arrays.copyOf(genuine, g), Arrays.copyOf(impostor, im));
        }
    }
}

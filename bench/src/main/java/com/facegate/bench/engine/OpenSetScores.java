package com.facegate.bench.engine;

import com.facegate.engine.Similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Each probe's best-scoring gallery person under several gallery configurations at once: the first G people of the
 * gallery's fixed shuffle, all of a person's enrolled photos or only the first, a person scored by the best of
 * their photos or by the mean of their best two. Every probe is compared with every enrolled face once.
 */
final class OpenSetScores {
    enum Aggregate { MAX, MEAN_TOP2 }

    /** One gallery configuration. */
    record Config(int people, boolean firstPhotoOnly, Aggregate aggregate) {}

    private final IdentifyPlan plan;
    private final float[][] vectors;
    /** Position of each gallery person in the fixed shuffle: the gallery of size G is the people with rank < G. */
    final int[] rank;
    final List<Config> configs;
    /** Per config, per photo: the best person's score (cosine) and the best person (gallery index), -1 if none. */
    final float[][] best;
    final int[][] bestPerson;

    OpenSetScores(IdentifyPlan plan, float[][] vectors, int[] rank, List<Config> configs) {
        this.plan = plan;
        this.vectors = vectors;
        this.rank = rank;
        this.configs = List.copyOf(configs);
        this.best = new float[configs.size()][vectors.length];
        this.bestPerson = new int[configs.size()][vectors.length];
        for (int[] b : bestPerson) {
            Arrays.fill(b, -1);
        }
    }

    /** Scores every photo that is ever a probe (members' photos and strangers) on {@code threads} threads. */
    void compute(int threads) throws Exception {
        List<Integer> probes = new ArrayList<>(plan.strangers);
        for (IdentifyPlan.Person p : plan.gallery) {
            if (p.member()) {
                Arrays.stream(p.enrolled()).forEach(probes::add);
                Arrays.stream(p.probes()).forEach(probes::add);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                jobs.add(pool.submit(() -> {
                    for (int i = first; i < probes.size(); i += threads) {
                        score(probes.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void score(int probe) {
        float[] q = vectors[probe];
        int persons = plan.gallery.size();
        float[] top1 = new float[persons];
        float[] top2 = new float[persons];
        float[] first = new float[persons];
        for (int p = 0; p < persons; p++) {
            int[] faces = plan.gallery.get(p).enrolled();
            float a = -2f;
            float b = -2f;
            for (int f = 0; f < faces.length; f++) {
                // A probe is never compared with itself: an enrolled photo probed as a stranger is outside the gallery.
                float c = faces[f] == probe ? -2f : Similarity.cosine(q, vectors[faces[f]]);
                if (f == 0) {
                    first[p] = c;
                }
                if (c > a) {
                    b = a;
                    a = c;
                } else if (c > b) {
                    b = c;
                }
            }
            top1[p] = a;
            top2[p] = b < -1f ? a : (a + b) / 2f;
        }
        for (int k = 0; k < configs.size(); k++) {
            Config cfg = configs.get(k);
            float[] by = cfg.firstPhotoOnly() ? first : cfg.aggregate() == Aggregate.MAX ? top1 : top2;
            float s = -2f;
            int who = -1;
            for (int p = 0; p < persons; p++) {
                if (rank[p] < cfg.people() && by[p] > s) {
                    s = by[p];
                    who = p;
                }
            }
            best[k][probe] = s;
            bestPerson[k][probe] = who;
        }
    }
}

package com.facegate.bench.engine;

import com.facegate.cloud.access.scale.FalseAcceptTable;
import com.facegate.cloud.access.scale.OperatingPoint;
import com.facegate.engine.Similarity;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The figures of {@link IdentifyBench} for one gallery configuration of {@link OpenSetScores}. */
final class IdentifyReport {
    /** What the last line reports. */
    record Result(int probes, double fnirAt1e3, double fpirAtTarget) {}

    private final IdentifyPlan plan;
    private final OpenSetScores scores;
    private final FalseAcceptTable table;
    private final double target;
    private final PrintStream out;
    private final boolean debug;

    IdentifyReport(IdentifyPlan plan, OpenSetScores scores, FalseAcceptTable table, double target, PrintStream out,
                   boolean debug) {
        this.debug = debug;
        this.plan = plan;
        this.scores = scores;
        this.table = table;
        this.target = target;
        this.out = out;
    }

    /** FNIR at FPIR 1e-3 / 1e-4 and the computed threshold's FPIR for configuration {@code k}. */
    Result size(int k) {
        OpenSetScores.Config cfg = scores.configs.get(k);
        List<Integer> mated = mated(cfg.people(), 0);
        float[] strangers = IdentifyBench.sorted(strangerScores(k, cfg.people()));
        int faces = faces(cfg);
        float t3 = IdentifyBench.thresholdAt(strangers, 1e-3);
        float t4 = IdentifyBench.thresholdAt(strangers, 1e-4);
        double fnir3 = fnir(k, mated, t3);
        OperatingPoint op = OperatingPoint.of(table, target, faces);
        float tc = IdentifyBench.cosineOf(op.threshold());
        int accepted = strangers.length - lowerBound(strangers, tc);
        double fpir = accepted / (double) strangers.length;
        out.printf(Locale.ROOT, "gallery %d people (%d faces): %d mated probes, %d strangers%n", cfg.people(), faces,
                mated.size(), strangers.length);
        out.printf(Locale.ROOT, "  FNIR %.4f at FPIR 1e-3 (similarity %.2f); FNIR %.4f at FPIR 1e-4 (similarity"
                + " %.2f)%s%n", fnir3, Similarity.toScore(t3), fnir(k, mated, t4), Similarity.toScore(t4),
                strangers.length < 10_000 ? " [< 10,000 strangers: this is FPIR 0 measured]" : "");
        out.printf(Locale.ROOT, "  target %.0e: threshold %.3f (%s): FPIR measured %.4f (%d strangers) expected %.4f"
                        + " [%.4f, %.4f], measured/target %.2f; FNIR %.4f (expected single-photo FRR %.4f)%n",
                target, op.threshold(), op.status(), fpir, accepted, op.expectedFpir(), op.fpirLow(), op.fpirHigh(),
                fpir / target, fnir(k, mated, tc), op.expectedFrr());
        if (debug) {
            top(k, cfg.people(), 8);
        }
        return new Result(mated.size() + strangers.length, fnir3, fpir);
    }

    /** The highest stranger scores and whom they matched: where label errors of the data set show up. */
    private void top(int k, int people, int n) {
        List<Integer> probes = strangerProbes(people);
        probes.sort((x, y) -> Float.compare(scores.best[k][y], scores.best[k][x]));
        for (int probe : probes.subList(0, Math.min(n, probes.size()))) {
            IdentifyPlan.Person who = plan.gallery.get(scores.bestPerson[k][probe]);
            out.printf(Locale.ROOT, "    stranger %s ~ %s cosine %.3f%n", plan.photos.get(probe).getFileName(),
                    who.name(), scores.best[k][probe]);
        }
    }

    /** One photo vs K photos (best / mean of best two), same probes: members with more than K photos. */
    void photos(int kMax, int kFirst, int kMean, int perPerson) {
        int people = scores.configs.get(kMax).people();
        List<Integer> mated = mated(people, perPerson + 1);
        double[] fnir = new double[3];
        int[] ks = {kFirst, kMax, kMean};
        for (int i = 0; i < 3; i++) {
            float[] strangers = IdentifyBench.sorted(strangerScores(ks[i], people));
            fnir[i] = fnir(ks[i], mated, IdentifyBench.thresholdAt(strangers, 1e-3));
        }
        out.printf(Locale.ROOT, "photos per person, %d probes of members with >= %d photos, FNIR at FPIR 1e-3:"
                        + " 1 photo %.4f; %d photos, best %.4f (%+.0f %%); %d photos, mean of best two %.4f"
                        + " (%+.0f %%)%n",
                mated.size(), perPerson + 1, fnir[0], perPerson, fnir[1], 100 * (fnir[1] / fnir[0] - 1), perPerson,
                fnir[2], 100 * (fnir[2] / fnir[0] - 1));
    }

    /**
     * A door allowing {@code kGroup}'s people (the first share of the shuffle) against the main entrance allowing
     * everyone ({@code kAll}), at the same thresholds, on the same strangers: the stranger-accept rate when the door
     * searches only its people (group-scoped) and when it takes the best face of everyone and denies one it does
     * not allow (top-1); and the FNIR of its own people's probes both ways (top-1 loses those a lookalike outscores).
     */
    void doorShare(int kAll, int kGroup, double share) {
        int group = scores.configs.get(kGroup).people();
        float[] main = IdentifyBench.sorted(scoresOf(kAll, plan.strangers));
        List<Integer> own = mated(group, 0);
        out.printf(Locale.ROOT, "door allowing %.0f %% of the people (%d of %d, %d faces), %d strangers, %d probes of"
                + " its people:%n", 100 * share, group, scores.configs.get(kAll).people(),
                faces(scores.configs.get(kGroup)), main.length, own.size());
        double[] mainFpirs = {1e-1, 1e-2, 1e-3};
        for (double at : mainFpirs) {
            float t = IdentifyBench.thresholdAt(main, at);
            int mainIn = main.length - lowerBound(main, t);
            int scoped = 0;
            int top1 = 0;
            for (int probe : plan.strangers) {
                scoped += scores.best[kGroup][probe] >= t ? 1 : 0;
                boolean allowed = scores.bestPerson[kAll][probe] >= 0
                        && scores.rank[scores.bestPerson[kAll][probe]] < group;
                top1 += allowed && scores.best[kAll][probe] >= t ? 1 : 0;
            }
            double n = main.length;
            out.printf(Locale.ROOT, "  similarity %.3f: FPIR main entrance %.4f (%d), door group-scoped %.4f (%d,"
                            + " ratio %.3f), door top-1 %.4f (%d); FNIR of its people group-scoped %.4f, top-1"
                            + " %.4f%n", Similarity.toScore(t), mainIn / n, mainIn, scoped / n, scoped,
                    mainIn == 0 ? 0 : scoped / (double) mainIn, top1 / n, top1, fnir(kGroup, own, t),
                    fnir(kAll, own, t));
        }
    }

    private float[] scoresOf(int k, List<Integer> probes) {
        float[] s = new float[probes.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.best[k][probes.get(i)];
        }
        return s;
    }

    private List<Integer> mated(int people, int minPhotos) {
        List<Integer> mated = new ArrayList<>();
        for (int p = 0; p < plan.gallery.size(); p++) {
            IdentifyPlan.Person person = plan.gallery.get(p);
            if (person.member() && scores.rank[p] < people && person.photoCount() >= minPhotos) {
                Arrays.stream(person.probes()).forEach(mated::add);
            }
        }
        return mated;
    }

    /** Strangers, plus every photo of the members left out of a gallery smaller than everyone. */
    private float[] strangerScores(int k, int people) {
        List<Integer> probes = strangerProbes(people);
        float[] s = new float[probes.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.best[k][probes.get(i)];
        }
        return s;
    }

    private List<Integer> strangerProbes(int people) {
        List<Integer> probes = new ArrayList<>(plan.strangers);
        for (int p = 0; p < plan.gallery.size(); p++) {
            IdentifyPlan.Person person = plan.gallery.get(p);
            if (person.member() && scores.rank[p] >= people) {
                Arrays.stream(person.enrolled()).forEach(probes::add);
                Arrays.stream(person.probes()).forEach(probes::add);
            }
        }
        return probes;
    }

    private int faces(OpenSetScores.Config cfg) {
        int faces = 0;
        for (int p = 0; p < plan.gallery.size(); p++) {
            if (scores.rank[p] < cfg.people()) {
                faces += cfg.firstPhotoOnly() ? 1 : plan.gallery.get(p).enrolled().length;
            }
        }
        return faces;
    }

    /** Share of mated probes whose best person is someone else or scores under the threshold. */
    private double fnir(int k, List<Integer> mated, float threshold) {
        int misses = 0;
        for (int probe : mated) {
            int who = scores.bestPerson[k][probe];
            boolean own = who >= 0 && Arrays.stream(plan.gallery.get(who).probes()).anyMatch(x -> x == probe);
            misses += own && scores.best[k][probe] >= threshold ? 0 : 1;
        }
        return mated.isEmpty() ? 0 : misses / (double) mated.size();
    }

    private static int lowerBound(float[] a, float c) {
        int lo = 0;
        int hi = a.length;
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

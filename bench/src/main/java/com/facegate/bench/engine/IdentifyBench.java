package com.facegate.bench.engine;

import com.facegate.cloud.access.scale.FalseAcceptTable;
import com.facegate.engine.Similarity;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * Open-set 1:N identification at site scale (who is enrolled, probed and a stranger: {@link IdentifyPlan}). For
 * galleries of 500, 1,000, 2,000 people and everyone (the first G of a fixed shuffle, seed 15, of members and
 * distractors; members left out of a smaller gallery are strangers to it) it reports FNIR at FPIR 1e-3 and 1e-4
 * (thresholds set on the stranger scores), and the door's computed threshold for the false-accept target
 * ({@link OperatingPoint} on the shipped calibration table): the FPIR measured there against the expected one. With
 * {@code --photos-per-person K > 1} it also compares, on the same probes, one enrolled photo against K photos scored
 * by their best and by the mean of their best two.
 */
public final class IdentifyBench {
    private static final long SEED = 15;

    private IdentifyBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        BenchArgs a;
        Path images;
        int perPerson;
        double target;
        double share;
        try {
            a = new BenchArgs(args);
            images = a.dir("images");
            if ("card".equals(a.get("mode", "open-set"))) {
                return CardBench.run(a, out);
            } else if (!"open-set".equals(a.get("mode", "open-set"))) {
                throw new IllegalArgumentException("--mode must be open-set or card");
            }
            if (a.has("distractors") && !"auto".equals(a.get("distractors", ""))) {
                a.dir("distractors");
            }
            perPerson = a.getInt("photos-per-person", 1);
            target = Double.parseDouble(a.get("target", "1e-3"));
            share = Double.parseDouble(a.get("door-share", "0"));
            if (!(share >= 0 && share < 1)) {
                throw new IllegalArgumentException("--door-share must be within [0, 1)");
            }
            if (perPerson < 1 || !(target > 0 && target < 1)) {
                throw new IllegalArgumentException("--photos-per-person must be >= 1 and --target within (0, 1)");
            }
        } catch (IllegalArgumentException e) {
            out.println("usage: identify --images <root>/<Person>/*.jpg [--mode open-set|card]"
                    + " [--distractors DIR|auto] [--photos-per-person K] [--target 1e-3] [--sizes 500,1000,2000]"
                    + " [--door-share 0.1] [--errata same-person.txt]"
                    + " [--threads 2] [--store target/bench-embeddings.bin|none] [--table engine-far.tsv]"
                    + " [--debug]");
            out.println(e.getMessage());
            return 2;
        }
        IdentifyPlan plan = IdentifyPlan.of(images, a.has("distractors") ? a.get("distractors", "") : null,
                perPerson, IdentifyPlan.errata(a.has("errata") ? Path.of(a.get("errata", "")) : null));
        long t0 = System.nanoTime();
        FaceSet.Embedded emb = FaceSet.embed(a, plan.photos);
        out.printf(Locale.ROOT, "embedded %d photos in %.1f s (%d centre-crop fallbacks)%n", plan.photos.size(),
                (System.nanoTime() - t0) / 1e9, emb.failures());
        out.printf(Locale.ROOT, "members %d (enrolled with up to %d photos), distractors %d%s, strangers %d%n",
                plan.members, perPerson, plan.distractors(), plan.skippedDistractors > 0
                        ? " (" + plan.skippedDistractors + " skipped: also in --images)" : "", plan.strangers.size());
        FalseAcceptTable table = table(a);
        int everyone = plan.gallery.size();
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String s : a.get("sizes", "500,1000,2000").split(",", -1)) {
            int g = Integer.parseInt(s.trim());
            if (g > 0 && g < everyone) {
                sizes.add(g);
            }
        }
        sizes.add(everyone);
        int group = (int) Math.round(share * everyone);
        if (group > 0 && group < everyone) {
            sizes.add(group);
        }
        List<OpenSetScores.Config> configs = new ArrayList<>();
        for (int g : sizes) {
            configs.add(new OpenSetScores.Config(g, false, OpenSetScores.Aggregate.MAX));
        }
        if (perPerson > 1) {
            configs.add(new OpenSetScores.Config(everyone, true, OpenSetScores.Aggregate.MAX));
            configs.add(new OpenSetScores.Config(everyone, false, OpenSetScores.Aggregate.MEAN_TOP2));
        }
        OpenSetScores scores = new OpenSetScores(plan, emb.vectors(), shuffledRanks(everyone), configs);
        scores.compute(a.getInt("threads", 2));
        IdentifyReport report = new IdentifyReport(plan, scores, table, target, out, a.has("debug"));
        IdentifyReport.Result last = null;
        for (int k = 0; k < sizes.size(); k++) {
            last = report.size(k);
        }
        if (group > 0 && group < everyone) {
            report.doorShare(sizes.size() - 1, sizes.headSet(group).size(), share);
        }
        if (perPerson > 1) {
            report.photos(sizes.size() - 1, sizes.size(), sizes.size() + 1, perPerson);
        }
        out.printf(Locale.ROOT, "identify enrolled=%d distractors=%d probes=%d fnir_at_fpir_1e-3=%.4f"
                        + " fpir_at_target=%.4f target=%s%n", plan.members, plan.distractors(), last.probes(),
                last.fnirAt1e3(), last.fpirAtTarget(), a.get("target", "0.001"));
        return 0;
    }

    private static FalseAcceptTable table(BenchArgs a) throws java.io.IOException {
        if (!a.has("table")) {
            return FalseAcceptTable.shipped();
        }
        try (InputStream in = Files.newInputStream(Path.of(a.get("table", "")))) {
            return FalseAcceptTable.parse(in);
        }
    }

    /** rank[p] = position of gallery person p in a fixed shuffle (seed 15), the same on every run and JVM. */
    static int[] shuffledRanks(int people) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(SEED));
        int[] rank = new int[people];
        for (int i = 0; i < people; i++) {
            rank[order.get(i)] = i;
        }
        return rank;
    }

    /** Threshold (cosine) at which at most {@code fpir} of the sorted stranger scores are at or above it. */
    static float thresholdAt(float[] sortedStrangers, double fpir) {
        int allowed = (int) Math.floor(fpir * sortedStrangers.length);
        return Math.nextUp(sortedStrangers[sortedStrangers.length - 1 - allowed]);
    }

    static float[] sorted(float[] values) {
        float[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /** Cosine of a similarity on the 0..100 scale. */
    static float cosineOf(double score) {
        return Similarity.toCosine((float) score);
    }
}

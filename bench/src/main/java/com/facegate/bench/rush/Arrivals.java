package com.facegate.bench.rush;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The morning rush, seeded so that runs compare: 45% of the visitors arrive in the first fifth of the run (the
 * start-of-hour burst), the rest spread evenly over the whole run. People come in small groups (off the same bus or
 * lift: 1 to 4, most often alone) that walk up to the same door within 3 s of each other. Doors are not equally
 * busy: a group picks door {@code k} (0-based) with weight {@code 1/sqrt(k+1)}, so the main entrances queue.
 */
final class Arrivals {
    static final double BURST_SHARE = 0.45;
    static final double BURST_SPAN = 0.2;
    static final long GROUP_SPREAD_MS = 3000;

    /** One person walking up: when (ms after the start), to which door, with which photo; badge null = stranger. */
    record Arrival(long atMs, int door, String badge, Path probe) {}

    /** Someone to walk up: an enrolled badge with another photo of them, or a stranger (badge null). */
    record Visitor(String badge, Path probe) {}

    private Arrivals() {}

    static List<Arrival> plan(List<Visitor> visitors, int doors, long runMs, long seed) {
        Random random = new Random(seed);
        List<Visitor> shuffled = new ArrayList<>(visitors);
        java.util.Collections.shuffle(shuffled, random);
        double[] weights = new double[doors];
        double total = 0;
        for (int k = 0; k < doors; k++) {
            weights[k] = 1 / Math.sqrt(k + 1);
            total += weights[k];
        }
        List<Arrival> out = new ArrayList<>();
        int i = 0;
        while (i < shuffled.size()) {
            boolean burst = random.nextDouble() < BURST_SHARE;
            long start = (long) (random.nextDouble() * runMs * (burst ? BURST_SPAN : 1));
            int door = pick(weights, total, random);
            int size = groupSize(random);
            for (int g = 0; g < size && i < shuffled.size(); g++, i++) {
                long at = Math.min(runMs, start + (g == 0 ? 0 : (long) (random.nextDouble() * GROUP_SPREAD_MS)));
                Visitor v = shuffled.get(i);
                out.add(new Arrival(at, door, v.badge(), v.probe()));
            }
        }
        out.sort(Comparator.comparingLong(Arrival::atMs));
        return out;
    }

    /** 1 (55%), 2 (25%), 3 (12%), 4 (8%). */
    private static int groupSize(Random random) {
        double r = random.nextDouble();
        return r < 0.55 ? 1 : r < 0.80 ? 2 : r < 0.92 ? 3 : 4;
    }

    private static int pick(double[] weights, double total, Random random) {
        double r = random.nextDouble() * total;
        for (int k = 0; k < weights.length; k++) {
            r -= weights[k];
            if (r <= 0) {
                return k;
            }
        }
        return weights.length - 1;
    }
}

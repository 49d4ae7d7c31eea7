package com.facegate.bench.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is enrolled, who is probed and who is a stranger in the open-set benchmark.
 *
 * <ul>
 * <li>Members: people of {@code --images} with two or more photos. Their first min(K, n − 1) photos are enrolled
 *     (K = photos per person), the rest are mated probes.</li>
 * <li>Distractors: enrolled (first min(K, n) photos), never probed. {@code --distractors DIR}: every person of DIR
 *     (one whose name is also in {@code --images} is skipped: a distractor must never be probed).
 *     {@code --distractors auto}: the one-photo people of {@code --images}, in name order, every second one
 *     (positions 0, 2, 4, …) — the others (1, 3, 5, …) stay strangers.</li>
 * <li>Strangers: the one-photo people of {@code --images} not taken as distractors and not in the errata (one
 *     person filed under two names is no stranger).</li>
 * </ul>
 */
final class IdentifyPlan {
    /** One person in the gallery: the indices of their enrolled photos and (members only) of their probes. */
    static final class Person {
        private final String name;
        private final boolean member;
        private final int[] enrolled;
        private final int[] probes;
        private final int photoCount;

        Person(String name, boolean member, int[] enrolled, int[] probes, int photoCount) {
            this.name = name;
            this.member = member;
            this.enrolled = enrolled;
            this.probes = probes;
            this.photoCount = photoCount;
        }

        String name() {
            return name;
        }

        boolean member() {
            return member;
        }

        int[] enrolled() {
            return enrolled;
        }

        int[] probes() {
            return probes;
        }

        int photoCount() {
            return photoCount;
        }
    }

    final List<Path> photos = new ArrayList<>();
    /** Members first (in name order), then distractors. */
    final List<Person> gallery = new ArrayList<>();
    final List<Integer> strangers = new ArrayList<>();
    int members;
    int skippedDistractors;

    static IdentifyPlan of(Path images, String distractors, int perPerson, Set<String> errata) {
        IdentifyPlan plan = new IdentifyPlan();
        Map<String, List<Path>> people = FaceSet.list(images);
        List<String> single = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : people.entrySet()) {
            List<Path> ps = e.getValue();
            if (ps.size() >= 2) {
                int k = Math.min(perPerson, ps.size() - 1);
                plan.gallery.add(new Person(e.getKey(), true, plan.addAll(ps.subList(0, k)),
                        plan.addAll(ps.subList(k, ps.size())), ps.size()));
            } else if (!errata.contains(e.getKey())) {
                single.add(e.getKey());
            }
        }
        plan.members = plan.gallery.size();
        boolean auto = "auto".equals(distractors);
        for (int i = 0; i < single.size(); i++) {
            List<Path> ps = people.get(single.get(i));
            if (auto && i % 2 == 0) {
                plan.gallery.add(new Person(single.get(i), false, plan.addAll(ps), new int[0], 1));
            } else {
                plan.strangers.add(plan.add(ps.get(0)));
            }
        }
        if (distractors != null && !auto) {
            for (Map.Entry<String, List<Path>> e : FaceSet.list(Path.of(distractors)).entrySet()) {
                if (people.containsKey(e.getKey())) {
                    plan.skippedDistractors++;
                    continue;
                }
                List<Path> ps = e.getValue().subList(0, Math.min(perPerson, e.getValue().size()));
                plan.gallery.add(new Person(e.getKey(), false, plan.addAll(ps), new int[0], e.getValue().size()));
            }
        }
        return plan;
    }

    /** Names listed two to a line (the same person under two spellings); {@code #} starts a comment line. */
    static Set<String> errata(Path file) throws IOException {
        Set<String> names = new HashSet<>();
        for (List<String> pair : errataPairs(file)) {
            names.addAll(pair);
        }
        return names;
    }

    /** The errata file's pairs of names (none without a file). */
    static List<List<String>> errataPairs(Path file) throws IOException {
        List<List<String>> pairs = new ArrayList<>();
        if (file != null) {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+", -1);
                if (f.length == 2 && !f[0].startsWith("#")) {
                    pairs.add(List.of(f[0], f[1]));
                }
            }
        }
        return pairs;
    }

    int distractors() {
        return gallery.size() - members;
    }

    private int add(Path p) {
        photos.add(p);
        return photos.size() - 1;
    }

    private int[] addAll(List<Path> ps) {
        int[] at = new int[ps.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = add(ps.get(i));
        }
        return at;
    }
}

package com.facegate.bench.engine;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.ImageDecoder;
import com.facegate.engine.pipeline.Detection;
import com.facegate.engine.image.Sampler;
import com.facegate.engine.pipeline.FaceDetector;
import com.facegate.engine.pipeline.FaceGeometry;
import com.facegate.engine.pipeline.Landmarks68;
import com.facegate.engine.pipeline.FaceResModel;
import com.facegate.engine.pipeline.OnnxModel;
import com.facegate.engine.pipeline.SsrNetAttributes;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code AttributeBench --genders <file>}: gender accuracy of the faceplugin SSR-Net ({@code fr_gender}) and of
 * faceres against labelled identities, and each model's age percentiles, over all photos of the labelled people
 * (or an even sample of {@code --limit} photos, at most {@code --per-person} each). {@code --rotate 25} tilts every
 * photo by ±25° first (alternately), to measure turning the crop upright. {@code --scales 1.3,1.5}
 * also measures faceres at other crop scales. Prints figures only, never names.
 */
final class GenderAgeBench {
    private GenderAgeBench() {}

    /** Per-model tallies. */
    private static final class Tally {
        final String name;
        int maleRight, maleAll, femaleRight, femaleAll;
        final List<Float> ages = new ArrayList<>();
        long nanos;

        Tally(String name) {
            this.name = name;
        }

        void add(boolean male, float maleScore, float age, long nanos) {
            if (male) {
                maleAll++;
                maleRight += maleScore > 0.5f ? 1 : 0;
            } else {
                femaleAll++;
                femaleRight += maleScore > 0.5f ? 0 : 1;
            }
            ages.add(age);
            this.nanos += nanos;
        }

        double accuracy() {
            return (maleRight + femaleRight) / (double) (maleAll + femaleAll);
        }

        void print(PrintStream out) {
            int n = maleAll + femaleAll;
            double m = maleRight / (double) maleAll, f = femaleRight / (double) femaleAll;
            float[] a = sorted(ages);
            out.printf(Locale.ROOT, "%-12s gender accuracy %.4f (male %.4f, female %.4f, balanced %.4f); age p5 %.1f "
                    + "p50 %.1f p95 %.1f; "
                            + "%.1f ms/face%n", name, (maleRight + femaleRight) / (double) n, m, f, (m + f) / 2,
                    a[a.length * 5 / 100], a[a.length / 2], a[a.length * 95 / 100], nanos / 1e6 / n);
        }
    }

    static int run(BenchArgs a, PrintStream out) throws Exception {
        Path images = a.dir("images");
        Map<String, Boolean> labels = labels(a.dir("genders"));
        int limit = a.getInt("limit", Integer.MAX_VALUE), perPerson = a.getInt("per-person", Integer.MAX_VALUE);
        List<Path> photos = new ArrayList<>();
        List<Boolean> male = new ArrayList<>();
        int people = 0;
        for (Map.Entry<String, List<Path>> e : FaceSet.list(images).entrySet()) {
            Boolean m = labels.get(e.getKey());
            if (m == null) {
                continue;
            }
            people++;
            for (Path p : e.getValue().subList(0, Math.min(perPerson, e.getValue().size()))) {
                photos.add(p);
                male.add(m);
            }
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("no photos of labelled people under " + images);
        }
        double step = Math.max(1.0, photos.size() / (double) limit);
        double[] scales = Arrays.stream(a.get("scales", "").split(",")).filter(s -> !s.isBlank())
                .mapToDouble(Double::parseDouble).toArray();
        double rotate = Double.parseDouble(a.get("rotate", "0"));
        try (OnnxModel det = OnnxModel.load("fr_detect"); OnnxModel marks = OnnxModel.load("fr_landmark");
             SsrNetAttributes ssr = new SsrNetAttributes(); OnnxModel faceresNet = FaceResModel.load()) {
            FaceDetector detector = new FaceDetector(det);
            Landmarks68 landmarks = new Landmarks68(marks);
            Tally notUpright = new Tally("faceres, crop not turned upright");
            FaceResModel faceres = new FaceResModel(faceresNet);
            Tally ssrTally = new Tally("fr_gender"), main = new Tally("faceres");
            Tally[] others = Arrays.stream(scales).mapToObj(s -> new Tally("faceres@" + s)).toArray(Tally[]::new);
            int noFace = 0, used = 0;
            for (double i = 0; i < photos.size(); i += step) {
                int k = (int) i;
                BgrImage img = ImageDecoder.decode(Files.readAllBytes(photos.get(k)));
                if (rotate != 0) {
                    img = rotated(img, k % 2 == 0 ? rotate : -rotate); // tilted heads, both ways
                }
                Detection d = central(detector.detect(img), img);
                if (d == null) {
                    noFace++;
                    continue;
                }
                used++;
                long t0 = System.nanoTime();
                float ssrMale = ssr.male(img, d);
                float ssrAge = ssr.age(img, d);
                long t2 = System.nanoTime();
                float roll = FaceGeometry.roll(landmarks.locate(img, d));
                long t3a = System.nanoTime();
                FaceResModel.Estimate est = faceres.estimate(img, d, roll);
                long t3 = System.nanoTime();
                FaceResModel.Estimate flat = faceres.estimate(img, d, 0f);
                notUpright.add(male.get(k), flat.male(), flat.age(), System.nanoTime() - t3);
                ssrTally.add(male.get(k), ssrMale, ssrAge, t2 - t0);
                main.add(male.get(k), est.male(), est.age(), t3 - t3a);
                for (int s = 0; s < scales.length; s++) {
                    long t4 = System.nanoTime();
                    FaceResModel.Estimate e = faceres.estimate(img, d, scales[s], roll);
                    others[s].add(male.get(k), e.male(), e.age(), System.nanoTime() - t4);
                }
            }
            out.printf(Locale.ROOT, "genders: %d labelled people, %d photos used (male %d, female %d), %d without a "
                    + "face%n",
                    people, used, main.maleAll, main.femaleAll, noFace);
            ssrTally.print(out);
            main.print(out);
            notUpright.print(out);
            for (Tally t : others) {
                t.print(out);
            }
            out.printf(Locale.ROOT, "genders photos=%d gender_accuracy_faceres=%.4f gender_accuracy_fr_gender=%.4f%n",
                    used, main.accuracy(), ssrTally.accuracy());
        }
        return 0;
    }

    /** The detection nearest the image centre: LFW photos are centred on the labelled person. */
    private static Detection central(List<Detection> found, BgrImage img) {
        Detection best = null;
        double bestDist = Double.MAX_VALUE;
        for (Detection d : found) {
            double dx = (d.x1() + d.x2()) / 2 - img.width() / 2.0, dy = (d.y1() + d.y2()) / 2 - img.height() / 2.0;
            if (dx * dx + dy * dy < bestDist) {
                bestDist = dx * dx + dy * dy;
                best = d;
            }
        }
        return best;
    }

    /** The photo turned by {@code degrees} about its centre (corners black), as a tilted head would be. */
    static BgrImage rotated(BgrImage img, double degrees) {
        int w = img.width(), h = img.height(), plane = w * h;
        double t = Math.toRadians(degrees), cos = Math.cos(t), sin = Math.sin(t), cx = (w - 1) / 2.0,
                cy = (h - 1) / 2.0;
        double[] turn = {cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy};
        float[] planar = new float[3 * plane];
        Sampler.colour(img, turn, w, h, Sampler.Order.BGR,
                Sampler.Border.ZERO, new float[3], new float[] {1, 1, 1}, planar);
        byte[] bgr = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                bgr[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(planar[c * plane + i])));
            }
        }
        return new BgrImage(w, h, bgr);
    }

    /** {@code <Person_Name>\t<M|F>} lines; # starts a comment. Person → true when male. */
    static Map<String, Boolean> labels(Path file) throws IOException {
        Map<String, Boolean> labels = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length != 2 || !(f[1].equals("M") || f[1].equals("F"))) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected <Person_Name><TAB><M|F>");
            }
            labels.put(f[0], f[1].equals("M"));
        }
        return labels;
    }

    private static float[] sorted(List<Float> v) {
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        Arrays.sort(a);
        return a;
    }
}

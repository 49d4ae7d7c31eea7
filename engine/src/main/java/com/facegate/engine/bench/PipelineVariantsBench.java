package com.facegate.engine.bench;

import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.ImageDecoder;
import com.facegate.engine.image.Sampler;
import com.facegate.engine.pipeline.Alignment;
import com.facegate.engine.pipeline.Detection;
import com.facegate.engine.pipeline.FaceDetector;
import com.facegate.engine.pipeline.Landmarks68;
import com.facegate.engine.pipeline.OnnxModel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Experiment harness for pipeline variants (landmark refinement, test-time augmentation, channel order,
 * alignment points). Detects each LFW photo once, computes every per-pass embedding once, then composes
 * variants (normalised sums of passes), writes identify/verify caches per variant and runs IdentifyBench
 * and VerifyBench on them.
 *
 * <pre>
 * --images lfw --pairs pairs.txt --errata f --out dir [--threads 2] [--stats 800]
 *   [--inner dx,dy,k] [--em dx,dy,k] (refinement box geometry; default Landmarks68.Geometry's measured values)
 *   [--raw file] (save, or reuse if present, the per-pass embeddings: ~310 MB; needs -Xmx3g)
 *   [--sweep 0.85,0.9,1.0] (instead of the fixed variants: L1 landmarks at these template scales)
 *   [--only "name;name"] [--prefix var] (cache file names in --out)
 * --stats N: print the detector's box-to-landmark geometry over ~N photos (the Geometry constants) and stop.
 * </pre>
 */
public final class PipelineVariantsBench {
    private PipelineVariantsBench() {}

    static String[] PASSES = {"L1", "L1s-", "L1s+", "L1rgb", "L1mo", "L2", "L2s-", "L2s+", "L3", "L4", "L5"};
    static final double SCALE = 0.06;
    static double[] SWEEP;
    static boolean FIXES;
    private static final float[] MEAN = {127f, 127f, 127f};
    private static final float[] NORM = {1 / 128f, 1 / 128f, 1 / 128f};

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        BenchArgs a = new BenchArgs(args);
        Path images = a.dir("images");
        List<Path> photos = new ArrayList<>();
        for (List<Path> ps : FaceSet.list(images).values()) {
            photos.addAll(ps);
        }
        int threads = a.getInt("threads", 2);
        if (a.has("stats")) {
            return stats(photos, a.getInt("stats", 800), out);
        }
        double[] sweep = a.has("sweep") ? parse(a.get("sweep", "")) : null;
        if (sweep != null) {
            PASSES = Arrays.stream(sweep).mapToObj(x -> String.format(Locale.ROOT, "S%.2f", x)).toArray(String[]::new);
        }
        SWEEP = sweep;
        FIXES = a.has("fixes");
        if (FIXES) {
            PASSES = new String[] {"L1", "L1properflip", "L1aa", "L1half"};
        }
        var gi = Landmarks68.Geometry.INNER;
        var ge = Landmarks68.Geometry.EYE_MOUTH;
        double[] inner = a.has("inner") ? parse(a.get("inner", "")) : new double[] {gi.dx, gi.dy, gi.k};
        double[] em = a.has("em") ? parse(a.get("em", "")) : new double[] {ge.dx, ge.dy, ge.k};
        Path raw = a.has("raw") ? Path.of(a.get("raw", "")) : null;
        float[][][] v; // [pass][photo][dim]
        boolean[] fallback;
        if (raw != null && Files.exists(raw)) {
            try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(raw)))) {
                int np = in.readInt(), n = in.readInt(), dim = in.readInt();
                v = new float[np][n][dim];
                fallback = new boolean[n];
                for (int i = 0; i < n; i++) {
                    fallback[i] = in.readBoolean();
                }
                for (int p = 0; p < np; p++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < dim; j++) {
                            v[p][i][j] = in.readFloat();
                        }
                    }
                }
            }
        } else {
            v = new float[PASSES.length * 2][photos.size()][];
            fallback = new boolean[photos.size()];
            compute(photos, threads, inner, em, v, fallback, out);
            if (raw != null) {
                try (var o = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(raw)))) {
                    o.writeInt(v.length);
                    o.writeInt(photos.size());
                    o.writeInt(v[0][0].length);
                    for (boolean f : fallback) {
                        o.writeBoolean(f);
                    }
                    for (float[][] pv : v) {
                        for (float[] x : pv) {
                            for (float y : x) {
                                o.writeFloat(y);
                            }
                        }
                    }
                }
            }
        }
        Map<String, String[]> variants = new LinkedHashMap<>();
        if (FIXES) {
            variants.put("baseline (L1 + flip)", new String[] {"L1"});
            variants.put("flip pass aligned on mirrored landmarks", new String[] {"L1properflip"});
            variants.put("antialiased warp (2x2 supersampling)", new String[] {"L1aa"});
            variants.put("landmarks -0.5 px (pixel-centre convention)", new String[] {"L1half"});
        } else if (sweep != null) {
            for (String p : PASSES) {
                variants.put("L1, template scale " + p.substring(1), new String[] {p});
            }
            for (String p : PASSES) {
                if (!p.equals("S1.00")) {
                    variants.put("L1 + L1 at template scale " + p.substring(1), new String[] {"S1.00", p});
                }
            }
        } else {
        variants.put("baseline (L1 + flip)", new String[] {"L1"});
        variants.put("RGB input to fr_feature", new String[] {"L1rgb"});
        variants.put("mouth = outer corners 48/54", new String[] {"L1mo"});
        variants.put("refined landmarks (inner geometry)", new String[] {"L2"});
        variants.put("mean of pass-1 and pass-2 points", new String[] {"L3"});
        variants.put("refined twice", new String[] {"L4"});
        variants.put("refined (eye-mouth geometry)", new String[] {"L5"});
        variants.put("L1 + scale TTA -6%", new String[] {"L1", "L1s-"});
        variants.put("L1 + scale TTA +6%", new String[] {"L1", "L1s+"});
        variants.put("L1 + scale TTA ±6%", new String[] {"L1", "L1s-", "L1s+"});
        variants.put("L2 + scale TTA -6%", new String[] {"L2", "L2s-"});
        variants.put("L2 + scale TTA +6%", new String[] {"L2", "L2s+"});
        variants.put("L2 + scale TTA ±6%", new String[] {"L2", "L2s-", "L2s+"});
        variants.put("L1 + L2 embeddings averaged", new String[] {"L1", "L2"});
        variants.put("L1 + L5 embeddings averaged", new String[] {"L1", "L5"});
        variants.put("L2 + L5 embeddings averaged", new String[] {"L2", "L5"});
        variants.put("L1 at template scale 0.94 only", new String[] {"L1s-"});
        variants.put("L2 at template scale 0.94 only", new String[] {"L2s-"});
        variants.put("L1 at template scale 1.06 only", new String[] {"L1s+"});
        }
        if (a.has("only")) {
            variants.keySet().retainAll(List.of(a.get("only", "").split(";")));
        }
        Path dir = Path.of(a.get("out", "/tmp/fnir"));
        String prefix = a.get("prefix", "var");
        Files.createDirectories(dir);
        Path pairsFile = a.dir("pairs");
        Map<Path, Integer> vIndex = new HashMap<>();
        List<Path> vPhotos = VerifyBench.photos(VerifyBench.readPairs(Files.readAllLines(pairsFile)), images, vIndex);
        Map<Path, Integer> where = new HashMap<>();
        for (int i = 0; i < photos.size(); i++) {
            where.put(photos.get(i), i);
        }
        int k = 0;
        for (var e : variants.entrySet()) {
            float[][] composed = new float[photos.size()][];
            for (int i = 0; i < photos.size(); i++) {
                float[] s = new float[v[0][0].length];
                for (String pass : e.getValue()) {
                    int p = Arrays.asList(PASSES).indexOf(pass);
                    for (int f = 0; f < 2; f++) {
                        float[] x = v[2 * p + f][i];
                        for (int j = 0; j < s.length; j++) {
                            s[j] += x[j];
                        }
                    }
                }
                normalise(s);
                composed[i] = s;
            }
            Path idCache = dir.resolve(prefix + k + "-identify.bin"), vCache = dir.resolve(prefix + k + "-verify.bin");
            k++;
            FaceSet.writeCache(idCache, photos, new FaceSet.Embedded(composed, fallback));
            float[][] vv = new float[vPhotos.size()][];
            boolean[] vf = new boolean[vPhotos.size()];
            for (int i = 0; i < vPhotos.size(); i++) {
                vv[i] = composed[where.get(vPhotos.get(i))];
                vf[i] = fallback[where.get(vPhotos.get(i))];
            }
            FaceSet.writeCache(vCache, vPhotos, new FaceSet.Embedded(vv, vf));
            out.printf(Locale.ROOT, "== %s (%d fr_feature passes) cache %s%n", e.getKey(), 2 * e.getValue().length, idCache);
            List<String> idArgs = new ArrayList<>(List.of("--images", images.toString(), "--cache", idCache.toString()));
            if (a.has("errata")) {
                idArgs.addAll(List.of("--errata", a.get("errata", "")));
            }
            for (String line : capture(o -> IdentifyBench.run(idArgs.toArray(String[]::new), o))) {
                if (line.startsWith("at similarity 9") || line.startsWith("identify ") || line.startsWith("threshold")) {
                    out.println("  " + line);
                }
            }
            for (String line : capture(o -> VerifyBench.run(new String[] {"--pairs", pairsFile.toString(), "--images", images.toString(),
                    "--cache", vCache.toString()}, o))) {
                if (line.startsWith("verify ")) {
                    out.println("  " + line);
                }
            }
        }
        return 0;
    }

    interface Bench {
        int run(PrintStream out) throws Exception;
    }

    static List<String> capture(Bench b) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8)) {
            b.run(ps);
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    }

    static double[] parse(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** The box FaceSet would use: the largest detected face (≥ 20 px) covering the image centre, else null. */
    static Detection central(FaceDetector det, BgrImage img) {
        Detection best = null, largest = null;
        float w = img.width(), h = img.height();
        for (Detection d : det.detect(img)) {
            if (d.side() < 20) {
                continue;
            }
            float x1 = Math.max(0, d.x1()), y1 = Math.max(0, d.y1()), x2 = Math.min(w, d.x2()), y2 = Math.min(h, d.y2());
            boolean centred = x1 / w <= 0.5f && x2 / w >= 0.5f && y1 / h <= 0.5f && y2 / h >= 0.5f;
            float area = (x2 - x1) * (y2 - y1);
            if (centred && (best == null || area > clippedArea(best, w, h))) {
                best = d;
            }
            if (largest == null || d.side() > largest.side()) {
                largest = d;
            }
        }
        return best != null ? best : largest;
    }

    private static float clippedArea(Detection d, float w, float h) {
        return (Math.min(w, d.x2()) - Math.max(0, d.x1())) * (Math.min(h, d.y2()) - Math.max(0, d.y1()));
    }

    static Detection centreBox(BgrImage img) {
        float side = 0.45f * Math.min(img.width(), img.height());
        float cx = img.width() / 2f, cy = img.height() / 2f;
        return new Detection(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2, 0f);
    }

    static int stats(List<Path> photos, int n, PrintStream out) throws Exception {
        try (OnnxModel dm = OnnxModel.load("fr_detect"); OnnxModel lm = OnnxModel.load("fr_landmark")) {
            FaceDetector det = new FaceDetector(dm);
            Landmarks68 marks = new Landmarks68(lm);
            List<double[]> inner = new ArrayList<>(), em = new ArrayList<>();
            int step = Math.max(1, photos.size() / n);
            for (int i = 0; i < photos.size(); i += step) {
                BgrImage img = ImageDecoder.decode(Files.readAllBytes(photos.get(i)));
                Detection d = central(det, img);
                if (d == null) {
                    continue;
                }
                Landmarks68.Result r = marks.locate(img, d);
                double bx = (d.x1() + d.x2()) / 2.0, by = (d.y1() + d.y2()) / 2.0;
                for (var g : Landmarks68.Geometry.values()) {
                    double[] c = Landmarks68.geometry(r, g);
                    (g == Landmarks68.Geometry.INNER ? inner : em).add(new double[] {(bx - c[0]) / c[2], (by - c[1]) / c[2], d.side() / c[2]});
                }
            }
            for (var g : Landmarks68.Geometry.values()) {
                List<double[]> l = g == Landmarks68.Geometry.INNER ? inner : em;
                out.printf(Locale.ROOT, "%s n=%d dx median %.4f dy median %.4f k median %.4f (k p10 %.3f p90 %.3f)%n", g, l.size(),
                        pct(l, 0, 0.5), pct(l, 1, 0.5), pct(l, 2, 0.5), pct(l, 2, 0.1), pct(l, 2, 0.9));
            }
        }
        return 0;
    }

    static double pct(List<double[]> l, int c, double q) {
        double[] x = l.stream().mapToDouble(r -> r[c]).sorted().toArray();
        return x[(int) Math.min(x.length - 1, Math.round(q * (x.length - 1)))];
    }

    static void compute(List<Path> photos, int threads, double[] inner, double[] em, float[][][] v, boolean[] fallback, PrintStream out)
            throws Exception {
        long t0 = System.nanoTime();
        AtomicLong featureNs = new AtomicLong(), featureN = new AtomicLong(), lmNs = new AtomicLong(), lmN = new AtomicLong();
        double[] shift = new double[3]; // sum of mean five-point shift L1→L2 / interocular, count, >5 % count
        try (OnnxModel dm = OnnxModel.load("fr_detect"); OnnxModel lmModel = OnnxModel.load("fr_landmark");
             OnnxModel fm = OnnxModel.load("fr_feature")) {
            FaceDetector det = new FaceDetector(dm);
            Landmarks68 lm = new Landmarks68(lmModel);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                jobs.add(pool.submit(() -> {
                    for (int i = first; i < photos.size(); i += threads) {
                        BgrImage img;
                        try {
                            img = ImageDecoder.decode(Files.readAllBytes(photos.get(i)));
                        } catch (IOException | ImageRejectedException e) {
                            throw new IllegalStateException(e);
                        }
                        Detection d = central(det, img);
                        fallback[i] = d == null;
                        if (d == null) {
                            d = centreBox(img);
                        }
                        long l0 = System.nanoTime();
                        Landmarks68.Result r1 = lm.locate(img, d);
                        lmNs.addAndGet(System.nanoTime() - l0);
                        lmN.incrementAndGet();
                        Landmarks68.Result r2 = lm.locate(img, Landmarks68.boxFor(r1, Landmarks68.Geometry.INNER, inner[0], inner[1], inner[2], d.score()));
                        Landmarks68.Result r3 = Landmarks68.average(r1, r2);
                        Landmarks68.Result r4 = lm.locate(img, Landmarks68.boxFor(r2, Landmarks68.Geometry.INNER, inner[0], inner[1], inner[2], d.score()));
                        Landmarks68.Result r5 = lm.locate(img, Landmarks68.boxFor(r1, Landmarks68.Geometry.EYE_MOUTH, em[0], em[1], em[2], d.score()));
                        double[] p1 = r1.fivePoints(), p2 = r2.fivePoints();
                        double iod = Math.hypot(p1[2] - p1[0], p1[3] - p1[1]);
                        double sh = 0;
                        for (int q = 0; q < 5; q++) {
                            sh += Math.hypot(p2[2 * q] - p1[2 * q], p2[2 * q + 1] - p1[2 * q + 1]) / 5;
                        }
                        synchronized (shift) {
                            shift[0] += sh / iod;
                            shift[1]++;
                            shift[2] += sh / iod > 0.05 ? 1 : 0;
                        }
                        double[] mo = p1.clone();
                        mo[6] = r1.x(48);
                        mo[7] = r1.y(48);
                        mo[8] = r1.x(54);
                        mo[9] = r1.y(54);
                        Object[][] spec = {
                                {p1, 1.0, Sampler.Order.BGR}, {p1, 1 - SCALE, Sampler.Order.BGR}, {p1, 1 + SCALE, Sampler.Order.BGR},
                                {p1, 1.0, Sampler.Order.RGB}, {mo, 1.0, Sampler.Order.BGR},
                                {p2, 1.0, Sampler.Order.BGR}, {p2, 1 - SCALE, Sampler.Order.BGR}, {p2, 1 + SCALE, Sampler.Order.BGR},
                                {r3.fivePoints(), 1.0, Sampler.Order.BGR}, {r4.fivePoints(), 1.0, Sampler.Order.BGR},
                                {r5.fivePoints(), 1.0, Sampler.Order.BGR}};
                        if (FIXES) {
                            fixes(fm, img, p1, v, i, featureNs, featureN);
                            continue;
                        }
                        if (SWEEP != null) {
                            spec = new Object[SWEEP.length][];
                            for (int q = 0; q < SWEEP.length; q++) {
                                spec[q] = new Object[] {p1, SWEEP[q], Sampler.Order.BGR};
                            }
                        }
                        for (int p = 0; p < spec.length; p++) {
                            int s = Alignment.SIZE;
                            float[] input = new float[3 * s * s];
                            Sampler.colour(img, Alignment.alignedToSource((double[]) spec[p][0], (Double) spec[p][1]), s, s,
                                    (Sampler.Order) spec[p][2], Sampler.Border.ZERO, MEAN, NORM, input);
                            float[] mir = input.clone();
                            Sampler.mirror(mir, 3, s, s);
                            long f0 = System.nanoTime();
                            float[] e = fm.run1("output", input, 1, 3, s, s);
                            float[] m = fm.run1("output", mir, 1, 3, s, s);
                            featureNs.addAndGet(System.nanoTime() - f0);
                            featureN.addAndGet(2);
                            normalise(e);
                            normalise(m);
                            v[2 * p][i] = e;
                            v[2 * p + 1][i] = m;
                        }
                        if (i % 1000 < threads) {
                            out.printf(Locale.ROOT, "  %d/%d photos, %.0f s%n", i, photos.size(), (System.nanoTime() - t0) / 1e9);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
            pool.shutdown();
        }
        out.printf(Locale.ROOT, "computed %d photos in %.0f s; fr_feature %.2f ms/pass, fr_landmark %.2f ms/pass (incl. crop), "
                        + "mean L1→L2 five-point shift %.4f × interocular (%.1f %% of faces > 0.05)%n",
                photos.size(), (System.nanoTime() - t0) / 1e9, featureNs.get() / 1e6 / featureN.get(), lmNs.get() / 1e6 / lmN.get(),
                shift[0] / shift[1], 100 * shift[2] / shift[1]);
    }

    private static float[] tensor(BgrImage img, double[] m, boolean aa) {
        int s = Alignment.SIZE;
        float[] input = new float[3 * s * s];
        if (!aa) {
            Sampler.colour(img, m, s, s, Sampler.Order.BGR, Sampler.Border.ZERO, MEAN, NORM, input);
            return input;
        }
        float[] tmp = new float[input.length];
        for (int t = 0; t < 4; t++) {
            double du = (t & 1) == 0 ? -0.25 : 0.25, dv = (t >> 1) == 0 ? -0.25 : 0.25;
            double[] sh = {m[0], m[1], m[2] + m[0] * du + m[1] * dv, m[3], m[4], m[5] + m[3] * du + m[4] * dv};
            Sampler.colour(img, sh, s, s, Sampler.Order.BGR, Sampler.Border.ZERO, MEAN, NORM, tmp);
            for (int j = 0; j < input.length; j++) {
                input[j] += tmp[j] / 4;
            }
        }
        return input;
    }

    private static float[] pass(OnnxModel fm, float[] input, AtomicLong ns, AtomicLong n) {
        int s = Alignment.SIZE;
        long f0 = System.nanoTime();
        float[] e = fm.run1("output", input, 1, 3, s, s);
        ns.addAndGet(System.nanoTime() - f0);
        n.incrementAndGet();
        normalise(e);
        return e;
    }

    private static float[] mirrored(float[] t) {
        float[] m = t.clone();
        Sampler.mirror(m, 3, Alignment.SIZE, Alignment.SIZE);
        return m;
    }

    /** Passes for --fixes: baseline, flip aligned on mirrored landmarks, antialiased warp, half-pixel landmark shift. */
    static void fixes(OnnxModel fm, BgrImage img, double[] p1, float[][][] v, int i, AtomicLong ns, AtomicLong n) {
        float[] base = tensor(img, Alignment.alignedToSource(p1), false);
        v[0][i] = pass(fm, base, ns, n);
        v[1][i] = pass(fm, mirrored(base), ns, n);
        // Mirror the source (x → W−1−x), swap left/right points, align that, and read the pixels back unmirrored.
        double w1 = img.width() - 1;
        double[] mp = {w1 - p1[2], p1[3], w1 - p1[0], p1[1], w1 - p1[4], p1[5], w1 - p1[8], p1[9], w1 - p1[6], p1[7]};
        double[] mm = Alignment.alignedToSource(mp);
        double[] back = {-mm[0], -mm[1], w1 - mm[2], mm[3], mm[4], mm[5]};
        v[2][i] = v[0][i];
        v[3][i] = pass(fm, tensor(img, back, false), ns, n);
        float[] aa = tensor(img, Alignment.alignedToSource(p1), true);
        v[4][i] = pass(fm, aa, ns, n);
        v[5][i] = pass(fm, mirrored(aa), ns, n);
        double[] half = p1.clone();
        for (int j = 0; j < half.length; j++) {
            half[j] -= 0.5;
        }
        float[] h = tensor(img, Alignment.alignedToSource(half), false);
        v[6][i] = pass(fm, h, ns, n);
        v[7][i] = pass(fm, mirrored(h), ns, n);
    }

    static void normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}

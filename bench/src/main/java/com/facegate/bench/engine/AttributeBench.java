package com.facegate.bench.engine;

import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.ImageDecoder;
import com.facegate.engine.pipeline.AttributeModels;
import com.facegate.engine.pipeline.Detection;
import com.facegate.engine.pipeline.FaceResModel;
import com.facegate.engine.pipeline.FaceDetector;
import com.facegate.engine.pipeline.FaceGeometry;
import com.facegate.engine.pipeline.Landmarks68;
import com.facegate.engine.pipeline.LivenessModel;
import com.facegate.engine.pipeline.OnnxModel;
import com.facegate.engine.pipeline.QualityMeter;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Distributions of the attribute and liveness outputs over a photo folder, used to choose class indices and
 * thresholds (LFW: nearly all eyes open, real faces, mostly neutral or smiling expressions). With
 * {@code --genders <file>} it measures gender accuracy and age spread instead ({@link GenderAgeBench}).
 */
public final class AttributeBench {
    private AttributeBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        BenchArgs a = new BenchArgs(args);
        if (a.has("genders")) {
            return GenderAgeBench.run(a, out);
        }
        Path images = a.dir("images");
        int limit = a.getInt("limit", 300);
        List<Path> photos = new ArrayList<>();
        for (List<Path> p : FaceSet.list(images).values()) {
            photos.add(p.get(0));
        }
        int step = Math.max(1, photos.size() / limit);
        try (OnnxModel det = OnnxModel.load("fr_detect"); OnnxModel lm = OnnxModel.load("fr_landmark");
             OnnxModel live = OnnxModel.load("fr_liveness"); AttributeModels attrs = new AttributeModels()) {
            FaceDetector detector = new FaceDetector(det);
            Landmarks68 marks = new Landmarks68(lm);
            LivenessModel liveness = new LivenessModel(live);
            double[] liveMean = new double[3];
            double[] exprMean = new double[7];
            int[] exprTop = new int[7];
            List<Float> ear = new ArrayList<>(), eyeNet = new ArrayList<>(), lap = new ArrayList<>(),
                    bright = new ArrayList<>(), age = new ArrayList<>(), male = new ArrayList<>(),
                    mouth = new ArrayList<>();
            List<float[]> poses = new ArrayList<>();
            int n = 0;
            for (int i = 0; i < photos.size() && n < limit; i += step) {
                BgrImage img = ImageDecoder.decode(Files.readAllBytes(photos.get(i)));
                List<Detection> found = detector.detect(img);
                if (found.isEmpty()) {
                    continue;
                }
                Detection d = found.get(0);
                Landmarks68.Result l = marks.locate(img, d);
                float[] lp = liveness.probabilities(img, d);
                for (int k = 0; k < 3; k++) {
                    liveMean[k] += lp[k];
                }
                float[] ex = attrs.expression(img, d);
                int top = 0;
                for (int k = 0; k < 7; k++) {
                    exprMean[k] += ex[k];
                    top = ex[k] > ex[top] ? k : top;
                }
                exprTop[top]++;
                ear.add(FaceGeometry.eyeAspectRatio(l));
                float[] eyes = attrs.eyesOpen(img, l);
                eyeNet.add(Math.min(eyes[0], eyes[1]));
                lap.add((float) QualityMeter.laplacianVariance(l.grey(), Landmarks68.SIZE));
                bright.add(QualityMeter.brightness(l.grey()));
                FaceResModel.Estimate ag = attrs.ageAndGender(img, d, FaceGeometry.roll(l));
                age.add(ag.age());
                male.add(ag.male());
                mouth.add(FaceGeometry.mouthOpening(l));
                float[] pose = attrs.pose(img, d);
                poses.add(new float[] {pose[0], pose[1], pose[2], FaceGeometry.yaw(l), FaceGeometry.pitch(l),
                        FaceGeometry.roll(l)});
                n++;
            }
            out.printf(Locale.ROOT, "faces %d%n", n);
            out.printf(Locale.ROOT, "liveness class means %.3f %.3f %.3f%n", liveMean[0] / n, liveMean[1] / n,
                    liveMean[2] / n);
            out.print("expression class means:");
            for (int k = 0; k < 7; k++) {
                out.printf(Locale.ROOT, " %s=%.3f(top %d)", AttributeModels.EXPRESSIONS.get(k), exprMean[k] / n,
                        exprTop[k]);
            }
            out.println();
            pct(out, "eye aspect ratio", ear);
            pct(out, "fr_eye open prob (min of both)", eyeNet);
            for (float t : new float[] {0.10f, 0.12f, 0.14f, 0.16f, 0.18f, 0.20f}) {
                out.printf(Locale.ROOT, "  EAR >= %.2f open: %.3f%n", t, frac(ear, t));
            }
            out.printf(Locale.ROOT, "  fr_eye open >= 0.5 both eyes: %.3f%n", frac(eyeNet, 0.5f));
            pct(out, "laplacian variance", lap);
            pct(out, "brightness", bright);
            pct(out, "age", age);
            pct(out, "male score", male);
            out.printf(Locale.ROOT, "  male >= 0.5: %.3f%n", frac(male, 0.5f));
            pct(out, "mouth opening", mouth);
            double[] sx = new double[3], sxx = new double[3], sxy = new double[3], sy = new double[3],
                    syy = new double[3];
            for (float[] p : poses) {
                for (int k = 0; k < 3; k++) {
                    double x = p[3 + k], y = p[k];
                    sx[k] += x;
                    sy[k] += y;
                    sxx[k] += x * x;
                    syy[k] += y * y;
                    sxy[k] += x * y;
                }
            }
            String[] names = {"yaw", "pitch", "roll"};
            for (int k = 0; k < 3; k++) {
                double cov = sxy[k] / n - sx[k] / n * sy[k] / n;
                double vx = sxx[k] / n - sx[k] / n * sx[k] / n, vy = syy[k] / n - sy[k] / n * sy[k] / n;
                out.printf(Locale.ROOT, "pose %s: landmark-vs-net correlation %.3f, slope %.3f, net mean %.1f sd %.1f, "
                        + "landmark mean %.1f%n",
                        names[k], cov / Math.sqrt(vx * vy), cov / vx, sy[k] / n, Math.sqrt(vy), sx[k] / n);
            }
            out.printf(Locale.ROOT, "attributes faces=%d eyes_open_ear=%.3f eyes_open_net=%.3f%n", n, frac(ear, 0.14f),
                    frac(eyeNet, 0.5f));
        }
        return 0;
    }

    private static double frac(List<Float> v, float t) {
        return v.stream().filter(x -> x >= t).count() / (double) v.size();
    }

    private static void pct(PrintStream out, String name, List<Float> v) {
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        Arrays.sort(a);
        out.printf(Locale.ROOT, "%s: p5 %.3f p25 %.3f p50 %.3f p75 %.3f p95 %.3f%n", name, a[a.length * 5 / 100],
                a[a.length / 4], a[a.length / 2], a[a.length * 3 / 4], a[a.length * 95 / 100]);
    }
}

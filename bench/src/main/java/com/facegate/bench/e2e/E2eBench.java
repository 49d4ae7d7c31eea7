package com.facegate.bench.e2e;

import com.facegate.bench.kit.WalkUpPeople;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.engine.Similarity;
import com.facegate.protocol.Decision;
import com.facegate.site.Enrollments;
import com.facegate.site.LocalSite;
import com.facegate.site.VisitCamera;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./facegate bench e2e --images DIR --visits N}: a whole site on loopback (local stack, cloud handlers,
 * one door with mock GPIO), half the visits by enrolled people (another photo of them), half by strangers.
 * Prints per-stage times and checks that every enrolled probe whose similarity clears the threshold was granted
 * and no stranger was.
 */
public final class E2eBench {
    private static final String DOOR = "bench-door";

    private E2eBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        Map<String, String> opts = parse(args);
        if (opts == null || !opts.containsKey("images")) {
            out.println("usage: bench e2e --images DIR [--visits N] [--warmup N] [--threshold 99] [--data DIR]"
                    + " [--aws-like] [--fast-path true|false]");
            return 2;
        }
        Path images = Path.of(opts.get("images"));
        if (!Files.isDirectory(images)) {
            out.println("no image folder at " + images.toAbsolutePath());
            return 2;
        }
        int visits = Integer.parseInt(opts.getOrDefault("visits", "50"));
        float threshold = Float.parseFloat(opts.getOrDefault("threshold", "99"));
        boolean awsLike = Boolean.parseBoolean(opts.getOrDefault("aws-like", "false"));
        List<Boolean> fastPaths = awsLike && !opts.containsKey("fast-path") ? List.of(true, false)
                : List.of(Boolean.parseBoolean(opts.getOrDefault("fast-path", "true")));

        WalkUpPeople walkUp = WalkUpPeople.of(images);
        List<List<Path>> multi = walkUp.members();
        List<Path> singles = walkUp.strangers();
        Random random = new Random(20261128);
        Collections.shuffle(multi, random);
        Collections.shuffle(singles, random);
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "5"));
        int members = (visits + 1) / 2;
        int strangers = visits - members;
        if (multi.size() < members || singles.size() < strangers + warmup) {
            out.println("not enough people in " + images + " for " + visits + " visits");
            return 2;
        }

        try (FaceEngine engine = OnnxFaceEngine.load()) {
            List<Report.Summary> runs = new ArrayList<>();
            for (boolean fastPath : fastPaths) {
                Path data = opts.containsKey("data") ? Path.of(opts.get("data"), fastPath ? "fast" : "s3-only")
                        : Files.createTempDirectory("facegate-e2e");
                out.printf("--- %s, fast path %s%n", awsLike ? "AWS-like delays" : "no delays",
                        fastPath ? "on" : "off");
                Report.Summary r = runSite(out, engine, data, awsLike, fastPath, threshold, warmup, multi, singles,
                        members, strangers, random);
                out.printf(Locale.ROOT, "fast_path=%s face_to_relay_p50_ms=%.1f p95_ms=%.1f grants_lost=%d%n",
                        fastPath ? "on" : "off", r.p50(), r.p95(), r.grantsLost());
                runs.add(r);
            }
            // The yardstick: the same engine, warm from the visits, on single-face photos, in this run and on this
            // machine, so the ratio does not depend on either.
            double engineP50 = EngineYardstick.singleFaceP50Ms(engine, singles.subList(0, Math.min(50,
                    singles.size())));
            out.printf(Locale.ROOT, "engine single face (same run) p50 %.1f ms%n", engineP50);
            Report.Summary first = runs.get(0);
            out.println(first.line() + String.format(Locale.ROOT, " aws_like=%s fast_path=%s ", awsLike,
                    fastPaths.get(0) ? "on" : "off") + EngineYardstick.lastLineFields(first.p95(), engineP50));
        }
        return 0;
    }

    private static Report.Summary runSite(PrintStream out, FaceEngine engine, Path data, boolean awsLike,
            boolean fastPath, float threshold, int warmup, List<List<Path>> multi, List<Path> singles, int members,
            int strangers, Random random) throws Exception {
        StageClock clock = new StageClock();
        VisitCamera camera = new VisitCamera(20, clock::faceFrame);
        try (LocalSite site = LocalSite.builder(data).ephemeral().engine(engine).doorId(DOOR).frames(camera)
                     .awsLike(awsLike).fastPath(fastPath)
                     .cloud(c -> c.toBuilder().matchThreshold(threshold).build())
                     .doorSetting("gate.bestFrameWindow", "1ms")
                     .doorSetting("gate.idleInterval", "20ms")
                     .doorSetting("gate.activeInterval", "1ms")
                     .doorSetting("door.unlockPulse", "200ms")
                     .wrapEngine(clock::engine).wrapS3(clock::s3).wrapLink(clock::link).wrapAccess(clock::access)
                     .interceptors(clock.interceptor())
                     .start()) {
            awaitOnline(site);
            DigitalOutput relay = site.door().pi4j().io(site.relayId(), DigitalOutput.class);
            relay.addListener(e -> {
                if (e.state() == DigitalState.HIGH) {
                    clock.relayHigh();
                }
            });

            // Enroll the first photo of each member; keep those the quality gate accepted.
            List<Visitor> plan = new ArrayList<>();
            long enrollStart = System.nanoTime();
            int enrolled = 0;
            for (int i = 0; enrolled < members && i < multi.size(); i++) {
                List<Path> photos = multi.get(i);
                String badge = String.format("B-%04d", i + 1);
                List<PhotoEnrollment> outcome = Enrollments.enroll(site.admin(), badge, "bench person " + (i + 1),
                        List.of(photos.get(0)), Duration.ofSeconds(30));
                if (outcome.size() == 1 && outcome.get(0).status() == PhotoEnrollment.Status.ENROLLED) {
                    enrolled++;
                    plan.add(new Visitor(badge, photos.get(0), doorLikeProbe(engine, photos, site.cloud().config())));
                }
            }
            out.printf("enrolled %d badges in %.1f s%n", enrolled, (System.nanoTime() - enrollStart) / 1e9);
            for (int i = 0; i < strangers; i++) {
                plan.add(new Visitor(null, null, singles.get(i)));
            }
            Collections.shuffle(plan, random);

            // Warm-up visits by other strangers (JIT, connection pools), not counted.
            for (int i = 0; i < warmup; i++) {
                visit(site, engine, camera, clock, new Visitor(null, null, singles.get(strangers + i)));
                Thread.sleep(150);
            }
            out.printf("warm-up: %d visits (not counted)%n", warmup);
            List<Result> results = new ArrayList<>();
            for (Visitor v : plan) {
                results.add(visit(site, engine, camera, clock, v));
                Thread.sleep(150); // the door's camera sees the corridor empty again between visits
            }
            Report.Summary summary = Report.print(out, results, threshold);
            // Counted from the site's start: warm-up and enrollment containers included (0 with cold starts off).
            out.printf("cold_starts=%d (Lambda containers started this run)%n", site.stack().coldStarts());
            return summary;
        }
    }

    record Visitor(String badge, Path enrolledPhoto, Path probe) {
        boolean member() {
            return badge != null;
        }
    }

    /**
     * One visit. {@code similarity} and {@code policyOk} are what the engine says of the photo on its own: an
     * independent expectation to check the site's answer against (policyOk: one face of meaningful size and a
     * live-looking face, the cloud's default multi-face and liveness policies).
     */
    record Result(Visitor visitor, StageClock.Visit times, float similarity, boolean policyOk, boolean granted,
                  String reason) {}

    private static Result visit(LocalSite site, FaceEngine engine, VisitCamera camera, StageClock clock, Visitor v)
            throws Exception {
        float similarity = v.member() ? similarity(engine, v.enrolledPhoto(), v.probe()) : Float.NaN;
        boolean policyOk = passesPolicies(engine, v.probe(), site.cloud().config());
        BufferedImage frame = VisitCamera.load(v.probe());
        StageClock.Visit t = clock.begin();
        camera.show(frame);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Decision d = t.decision;
            if (d != null && (!d.isGrant() || t.relayHigh != 0)) {
                break;
            }
            if (t.faceFrame != 0 && t.analyzeEnd != 0 && t.uploadStart == 0
                    && System.nanoTime() - t.analyzeEnd > Duration.ofSeconds(3).toNanos()) {
                break; // the gate found no usable face: nothing was uploaded
            }
            Thread.sleep(2);
        }
        Decision d = t.decision;
        boolean granted = d != null && d.isGrant() && t.relayHigh != 0;
        String reason = d == null ? (t.uploadStart == 0 ? "NOT_UPLOADED" : "NO_DECISION") : d.reason();
        return new Result(v, t, similarity, policyOk, granted, reason);
    }

    /**
     * A door's camera sees one person at a time: the member's first other photo with exactly one face of
     * meaningful size (LFW news photos often show other people too); the second photo when none is.
     */
    private static Path doorLikeProbe(FaceEngine engine, List<Path> photos, CloudConfig policy) throws Exception {
        for (Path p : photos.subList(1, photos.size())) {
            List<Face> faces = engine.analyze(Files.readAllBytes(p), FaceEngine.Detail.DEFAULT);
            if (faces.stream().filter(f -> f.box().height() >= policy.minFaceFraction()).count() == 1) {
                return p;
            }
        }
        return photos.get(1);
    }

    private static boolean passesPolicies(FaceEngine engine, Path probe, CloudConfig policy) throws Exception {
        List<Face> faces = engine.analyze(Files.readAllBytes(probe), FaceEngine.Detail.DEFAULT);
        long meaningful = faces.stream().filter(f -> f.box().height() >= policy.minFaceFraction()).count();
        return meaningful == 1 && faces.get(0).liveness() * 100 >= policy.minLiveness();
    }

    /** What the door should conclude, computed independently with the engine. */
    private static float similarity(FaceEngine engine, Path a, Path b) throws Exception {
        List<Face> fa = engine.analyze(Files.readAllBytes(a), FaceEngine.Detail.DEFAULT);
        List<Face> fb = engine.analyze(Files.readAllBytes(b), FaceEngine.Detail.DEFAULT);
        if (fa.isEmpty() || fb.isEmpty()) {
            return Float.NaN;
        }
        return Similarity.score(fa.get(0).embedding(), fb.get(0).embedding());
    }

    private static void awaitOnline(LocalSite site) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!site.door().link().online()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("door did not connect to the broker within 30 s");
            }
            Thread.sleep(50);
        }
        Thread.sleep(300); // subscriptions acknowledged
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                return null;
            }
            if (args[i].equals("--aws-like")) {
                m.put("aws-like", "true"); // a switch, no value
                continue;
            }
            if (i + 1 >= args.length) {
                return null;
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}

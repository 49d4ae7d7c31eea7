package com.facegate.bench.rush;

import com.facegate.bench.kit.WalkUpPeople;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.aws.lambda.ColdStarts;
import com.facegate.site.Enrollments;
import com.facegate.site.LocalSite;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./facegate bench rush --doors 20 --people 500 --minutes 5}: a building's morning rush on one machine.
 * Every door is a real door daemon with its own certificate and MQTT session (all in this JVM, sharing one
 * engine), the people are enrolled from the image folder (first photo; they walk up with another), a few
 * strangers mixed in, arrivals as {@link Arrivals} describes. AWS-like S3 notification delays and Lambda cold
 * starts are on; {@code --tps N} adds Rekognition's quota. Then the cloud's capacity without doors
 * ({@link CapacityProbe}) on the same data folder with delays off.
 */
public final class RushBench {
    private static final long SEED = 20261202L;

    private RushBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        Map<String, String> o = parse(args);
        Path images = Path.of(o == null ? "" : o.getOrDefault("images", "../shared/faces/lfw"));
        if (o == null || !Files.isDirectory(images)) {
            out.println("usage: bench rush [--doors 20] [--people 500] [--minutes 5] [--tps N] [--strangers N]"
                    + " [--images DIR] [--capacity true|false] [--capacity-rates 10,20,..] [--capacity-seconds 15]"
                    + " [--data DIR]");
            return 2;
        }
        int doors = Integer.parseInt(o.getOrDefault("doors", "20"));
        int people = Integer.parseInt(o.getOrDefault("people", "500"));
        double minutes = Double.parseDouble(o.getOrDefault("minutes", "5"));
        int tps = Integer.parseInt(o.getOrDefault("tps", "0"));
        int strangers = Integer.parseInt(o.getOrDefault("strangers", String.valueOf(Math.max(1, people / 20))));
        boolean capacity = Boolean.parseBoolean(o.getOrDefault("capacity", "true"));
        int[] rates = Arrays.stream(o.getOrDefault("capacity-rates", "10,20,30,40,50,60,70").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int stepSeconds = Integer.parseInt(o.getOrDefault("capacity-seconds", "15"));
        Path data = o.containsKey("data") ? Path.of(o.get("data")) : Files.createTempDirectory("facegate-rush");

        WalkUpPeople walkUp = WalkUpPeople.of(images);
        List<List<Path>> multi = walkUp.members();
        List<Path> singles = walkUp.strangers();
        if (multi.size() < people || singles.size() < strangers || doors < 1) {
            out.println("not enough people in " + images + " for " + people + " enrolled and " + strangers
                    + " strangers (" + multi.size() + " with two photos, " + singles.size() + " with one)");
            return 2;
        }
        try (FaceEngine engine = OnnxFaceEngine.load()) {
            RushSite.Result rush = new RushSite(engine, data, doors, tps).run(out, multi.subList(0, people),
                    singles.subList(0, strangers), (long) (minutes * 60_000), SEED);
            int capacityPerS = -1;
            if (capacity) {
                try (LocalSite site = capacitySite(engine, data, rush.probe())) {
                    capacityPerS = CapacityProbe.capacity(rush.probe().run(out, site.cloud().clients().s3(),
                            site.cloud().config().bucket(), rush.doorIds(), rush.images(), rates, stepSeconds));
                    out.printf("capacity cold_starts=%d%n", site.stack().coldStarts());
                }
            }
            RushReport.Summary s = rush.summary();
            out.printf(Locale.ROOT, "rush doors=%d visits=%d decisions_per_s=%.2f p95_ms=%.0f p99_ms=%.0f lost=%d"
                    + " duplicates=%d capacity_per_s=%s cold_starts=%d tps=%s granted_late=%d%n", doors, s.visits(),
                    s.decisionsPerS(), s.p95(), s.p99(), s.lost(), s.duplicates(),
                    capacityPerS < 0 ? "not_measured" : String.valueOf(capacityPerS), rush.coldStarts(),
                    tps == 0 ? "unlimited" : String.valueOf(tps), s.grantedLate());
            return s.lost() == 0 && s.duplicates() == 0 && s.grantedLate() == 0 ? 0 : 1;
        }
    }

    /** The same data folder (registry, collection, doors), no delays or quota, cold starts on, no door daemon. */
    private static LocalSite capacitySite(FaceEngine engine, Path data, CapacityProbe probe) {
        return LocalSite.builder(data).freePorts().engine(engine).doorId(RushSite.doorId(0)).noCamera()
                .stack(s -> s.coldStarts(ColdStarts.AWS_LIKE).lambdaWorkers(RushSite.LAMBDA_WORKERS))
                .wrapAccess(probe::decisions).start();
    }

    static void awaitOnline(List<com.facegate.device.app.DoorDaemon> doors) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (var d : doors) {
            while (!d.link().online()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("door did not connect to the broker within 60 s");
                }
                Thread.sleep(50);
            }
        }
        Thread.sleep(500); // subscriptions acknowledged
    }

    static void onRelayHigh(com.facegate.device.app.DoorDaemon door, String relayId, Runnable high) {
        door.pi4j().io(relayId, DigitalOutput.class).addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                high.run();
            }
        });
    }

    /** Enrolls each person's first photo, four at a time; returns the badges the quality gate accepted. */
    static Map<String, List<Path>> enroll(LocalSite site, List<List<Path>> people) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Map<String, Future<Boolean>> outcome = new LinkedHashMap<>();
            for (int i = 0; i < people.size(); i++) {
                String badge = String.format(Locale.ROOT, "B-R%04d", i + 1);
                Path photo = people.get(i).get(0);
                outcome.put(badge, pool.submit(() -> {
                    List<PhotoEnrollment> r = Enrollments.enroll(site.admin(), badge, "rush person " + badge,
                            List.of(photo), Duration.ofSeconds(60));
                    return r.size() == 1 && r.get(0).status() == PhotoEnrollment.Status.ENROLLED;
                }));
            }
            Map<String, List<Path>> enrolled = new LinkedHashMap<>();
            int i = 0;
            for (var e : outcome.entrySet()) {
                if (e.getValue().get()) {
                    enrolled.put(e.getKey(), people.get(i));
                }
                i++;
            }
            return enrolled;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return null;
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}

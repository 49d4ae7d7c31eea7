package com.facegate.bench.rush;

import com.facegate.device.app.DoorDaemon;
import com.facegate.engine.FaceEngine;
import com.facegate.site.LocalSite;
import com.facegate.site.VisitCamera;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The rush itself: the site with AWS-like delays and cold starts, its doors each fed by a {@link DoorLane}, the
 * people enrolled, the arrivals walked up door by door (a door serves its queue one person at a time), then the
 * figures. The doors' gate settings are the benchmark's short ones (as in bench e2e), with a slow idle camera
 * (an empty corridor frame every {@link #IDLE_FRAME_MS} ms) so that 20 idle doors do not eat the machine.
 */
final class RushSite {
    static final int LAMBDA_WORKERS = 12;
    static final long IDLE_FRAME_MS = 500;
    /** The corridor empty again between two people at one door: one idle frame passes. */
    static final long GAP_MS = IDLE_FRAME_MS + 100;
    static final Duration DEADLINE = Duration.ofSeconds(8);

    record Result(RushReport.Summary summary, CapacityProbe probe, List<String> doorIds, List<byte[]> images,
                  int coldStarts) {}

    private final FaceEngine engine;
    private final Path data;
    private final int doors;
    private final int tps;

    RushSite(FaceEngine engine, Path data, int doors, int tps) {
        this.engine = engine;
        this.data = data;
        this.doors = doors;
        this.tps = tps;
    }

    static String doorId(int k) {
        return String.format(Locale.ROOT, "rush-door-%02d", k + 1);
    }

    Result run(PrintStream out, List<List<Path>> people, List<Path> strangers, long runMs, long seed)
            throws Exception {
        Tally tally = new Tally();
        CloudCounters counters = new CloudCounters();
        List<DoorLane> lanes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < doors; k++) {
            ids.add(doorId(k));
            lanes.add(new DoorLane(doorId(k), tally, IDLE_FRAME_MS));
        }
        DoorLane first = lanes.get(0);
        try (LocalSite site = LocalSite.builder(data).ephemeral().engine(engine).doorId(first.doorId)
                .frames(first.camera).wrapLink(first::link).wrapS3(first::s3).interceptors(counters)
                .awsLike(true).stack(s -> s.rekognitionTps(tps).lambdaWorkers(LAMBDA_WORKERS))
                .doorSetting("decision.deadline", DEADLINE.toSeconds() + "s")
                .doorSetting("gate.bestFrameWindow", "1ms")
                .doorSetting("gate.idleInterval", "100ms")
                .doorSetting("gate.activeInterval", "1ms")
                .doorSetting("door.unlockPulse", "200ms")
                .start()) {
            site.cloud().onAuditStored(tally::audited);
            List<DoorDaemon> daemons = new ArrayList<>(List.of(site.door()));
            for (DoorLane lane : lanes.subList(1, lanes.size())) {
                daemons.add(site.addDoor(lane.doorId, lane.camera, lane::link, lane::s3));
            }
            for (int k = 0; k < doors; k++) {
                RushBench.onRelayHigh(daemons.get(k), site.relayId(), lanes.get(k)::relayHigh);
            }
            RushBench.awaitOnline(daemons);
            long t0 = System.nanoTime();
            Map<String, List<Path>> enrolled = RushBench.enroll(site, people);
            out.printf(Locale.ROOT, "doors=%d online; enrolled %d of %d people in %.1f s; %d strangers%n", doors,
                    enrolled.size(), people.size(), (System.nanoTime() - t0) / 1e9, strangers.size());
            List<Arrivals.Visitor> visitors = new ArrayList<>();
            List<byte[]> images = new ArrayList<>();
            for (var e : enrolled.entrySet()) {
                visitors.add(new Arrivals.Visitor(e.getKey(), e.getValue().get(1)));
                images.add(Files.readAllBytes(e.getValue().get(1)));
            }
            strangers.forEach(p -> visitors.add(new Arrivals.Visitor(null, p)));
            List<Arrivals.Arrival> plan = Arrivals.plan(visitors, doors, runMs, seed);
            out.printf(Locale.ROOT, "walking %d visitors up over %.1f min (seed %d, tps %s, cold starts on)%n",
                    plan.size(), runMs / 60_000.0, seed, tps == 0 ? "unlimited" : String.valueOf(tps));
            long start = System.nanoTime();
            List<DoorLane.Visit> visits = walk(lanes, plan, start);
            site.stack().awaitHandlersIdle(Duration.ofSeconds(60));
            Thread.sleep(3000); // the doors' last audit records reach the sink
            long notUploaded = visits.stream().filter(v -> v.faceFrame != 0 && v.capture == null).count();
            RushReport.Summary summary = RushReport.print(out, visits, tally, start, DEADLINE.toNanos(), notUploaded);
            out.printf("rekognition calls=%d retries=%d throttled_attempts=%d failed_calls=%d; cold_starts=%d%n",
                    counters.calls.get(), counters.retries(), counters.throttled.get(), counters.failedCalls.get(),
                    site.stack().coldStarts());
            Collections.shuffle(images, new java.util.Random(seed));
            return new Result(summary, new CapacityProbe(), ids, images, site.stack().coldStarts());
        }
    }

    /** One thread per door walking its queue in arrival order; returns every visit once all queues are empty. */
    private static List<DoorLane.Visit> walk(List<DoorLane> lanes, List<Arrivals.Arrival> plan, long start)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size());
        try {
            List<Future<List<DoorLane.Visit>>> done = new ArrayList<>();
            for (int k = 0; k < lanes.size(); k++) {
                int door = k;
                DoorLane lane = lanes.get(k);
                List<Arrivals.Arrival> queue = plan.stream().filter(a -> a.door() == door).toList();
                done.add(pool.submit(() -> walkQueue(lane, queue, start)));
            }
            List<DoorLane.Visit> all = new ArrayList<>();
            for (var f : done) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<DoorLane.Visit> walkQueue(DoorLane lane, List<Arrivals.Arrival> queue, long start)
            throws Exception {
        List<DoorLane.Visit> visits = new ArrayList<>();
        for (Arrivals.Arrival a : queue) {
            long wait = a.atMs() - (System.nanoTime() - start) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            var frame = VisitCamera.load(a.probe());
            DoorLane.Visit v = lane.begin(a);
            lane.camera.show(frame);
            awaitOutcome(v);
            visits.add(v);
            Thread.sleep(GAP_MS);
        }
        return visits;
    }

    /** Until the door has the decision (and, for a grant, the relay opened), nothing was uploaded, or time is up. */
    private static void awaitOutcome(DoorLane.Visit v) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.plusSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            var c = v.capture;
            if (c != null && c.decision != null && (!c.decision.isGrant() || v.relayHigh != 0)) {
                return;
            }
            if (c == null && v.faceFrame != 0 && System.nanoTime() - v.faceFrame > DEADLINE.toNanos()) {
                return; // the gate found no usable face: nothing was uploaded
            }
            Thread.sleep(5);
        }
    }
}

package com.facegate.bench.device;

import com.facegate.device.capture.FolderFrameSource;
import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.gate.CaptureLoop;
import com.facegate.device.gate.BestFrameSelector;
import com.facegate.device.gate.VisitCooldown;
import com.facegate.engine.FaceEngine;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Device benchmark: frames/s through engine + gate (unpaced), uploads per visit, RSS and idle CPU of the paced
 * capture loop watching an empty corridor. Last line: {@code device fps=.. rss_mb=.. idle_cpu_pct=..}.
 *
 * <pre>--images DIR (LFW folder) --visits N (20) --frames-per-visit K (5) --idle-seconds S (10)
 * --idle-interval-ms M (1000)</pre>
 */
public final class DeviceBench {
    private DeviceBench() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        Path images = null;
        int visits = 20;
        int perVisit = 5;
        int idleSeconds = 10;
        int idleMs = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--images" -> images = Path.of(args[i + 1]);
                case "--visits" -> visits = Integer.parseInt(args[i + 1]);
                case "--frames-per-visit" -> perVisit = Integer.parseInt(args[i + 1]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[i + 1]);
                case "--idle-interval-ms" -> idleMs = Integer.parseInt(args[i + 1]);
                default -> {
                    out.println("unknown option " + args[i]);
                    return 2;
                }
            }
        }
        if (images == null || !Files.isDirectory(images)) {
            out.println("usage: DeviceBench --images ../shared/faces/lfw [--visits 20] [--frames-per-visit 5]"
                    + " [--idle-seconds 10] [--idle-interval-ms 1000]");
            return 2;
        }
        try (FaceEngine engine = loadEngine()) {
            // 1. Throughput: visits of different people, each K frames at 10 fps, separated by 1 s of corridor.
            List<Path> people = peopleWith(images, perVisit, visits);
            List<Frame> frames = new ArrayList<>();
            BufferedImage empty = corridor(); // shared: 200 distinct 640x480 frames would only measure the heap
            long ms = 0;
            long seq = 0;
            for (Path person : people) {
                // One visitor per visit: LFW photos with a second face in the background would each be a visit of
                // their own at the door (a newcomer ends the visit), which is not what this throughput figure counts.
                List<byte[]> visit = new ArrayList<>();
                for (Path photo : FolderFrameSource.list(person)) {
                    if (visit.size() == perVisit) {
                        break;
                    }
                    byte[] candidate = Files.readAllBytes(photo);
                    if (engine.analyze(candidate, FaceEngine.Detail.DEFAULT).size() == 1) {
                        visit.add(candidate);
                    }
                }
                for (byte[] bytes : visit) {
                    frames.add(new Frame(seq++, Instant.EPOCH.plusMillis(ms), null, bytes));
                    ms += 100;
                }
                for (int g = 0; g < 10; g++) {
                    frames.add(new Frame(seq++, Instant.EPOCH.plusMillis(ms), empty, null));
                    ms += 100;
                }
            }
            engine.analyze(frames.get(0).encoded(), FaceEngine.Detail.DEFAULT); // warm-up
            BestFrameSelector gate = new BestFrameSelector(Duration.ofMillis(600), 0.01f,
                    new VisitCooldown(Duration.ofSeconds(10), 0.6f));
            AtomicLong uploads = new AtomicLong();
            CaptureLoop loop = new CaptureLoop(listSource(frames), engine, gate, c -> uploads.incrementAndGet(),
                    Duration.ZERO, Duration.ZERO, false, 90);
            long t0 = System.nanoTime();
            loop.runToEnd();
            double secs = (System.nanoTime() - t0) / 1e9;
            double fps = loop.frames() / secs;
            out.printf("gate: %d frames (%d with a face) in %.2f s = %.1f frames/s; %d visits -> %d uploads"
                    + " (%.2f per visit)%n", loop.frames(), loop.faceFrames(), secs, fps, people.size(), uploads.get(),
                    uploads.get() / (double) people.size());

            // 2. Idle: the paced loop watching an empty corridor (camera frames need JPEG encoding).
            System.gc();
            CaptureLoop idle = new CaptureLoop(corridorSource(), engine,
                    new BestFrameSelector(Duration.ofMillis(600), 0.01f,
                            new VisitCooldown(Duration.ofSeconds(10), 0.6f)),
                    c -> { }, Duration.ofMillis(idleMs), Duration.ofMillis(100), true, 90).start();
            Thread.sleep(1500);
            long cpu0 = processCpuNanos();
            long w0 = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            double idlePct = 100.0 * (processCpuNanos() - cpu0) / (System.nanoTime() - w0);
            long idleFrames = idle.frames();
            idle.close();
            double rssMb = rssKb() / 1024.0;
            out.printf("idle: %d gate checks in %d s at %d ms interval, cpu %.2f %% of one core; rss %.0f MB%n",
                    idleFrames, idleSeconds + 1, idleMs, idlePct, rssMb);
            out.printf("device fps=%.1f rss_mb=%.0f idle_cpu_pct=%.2f%n", fps, rssMb, idlePct);
        }
        return 0;
    }

    private static FaceEngine loadEngine() {
        return com.facegate.engine.OnnxFaceEngine.load();
    }

    private static List<Path> peopleWith(Path lfw, int minPhotos, int max) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(lfw).sorted()) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (out.size() >= max) {
                    break;
                }
                try (Stream<Path> f = Files.list(p)) {
                    if (f.count() >= minPhotos) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** A 640x480 empty corridor with a little sensor noise. */
    private static BufferedImage corridor() {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        var g = img.createGraphics();
        g.setColor(new Color(118, 120, 112));
        g.fillRect(0, 0, 640, 480);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < 2000; i++) {
            img.setRGB(r.nextInt(640), r.nextInt(480), r.nextInt(0xffffff));
        }
        g.dispose();
        return img;
    }

    private static FrameSource listSource(List<Frame> frames) {
        return new FrameSource() {
            private int i;

            @Override
            public Optional<Frame> next() {
                return i < frames.size() ? Optional.of(frames.get(i++)) : Optional.empty();
            }

            @Override
            public void close() { }
        };
    }

    private static FrameSource corridorSource() {
        return new FrameSource() {
            private long seq;

            @Override
            public Optional<Frame> next() {
                return Optional.of(new Frame(seq++, Instant.now(), corridor(), null));
            }

            @Override
            public void close() { }
        };
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return -1;
    }
}

package com.facegate.device.gate;

import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.capture.Jpeg;
import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.protocol.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread: frame → engine → gate → candidate. Paced to save CPU: one gate check per
 * {@code idleInterval} while nobody is there, one per {@code activeInterval} while an approach is being
 * collected. Pacing can be turned off (benchmarks, folder replays).
 */
public final class CaptureLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureLoop.class);

    private final FrameSource source;
    private final FaceEngine engine;
    private final FaceGate gate;
    private final Consumer<Candidate> candidates;
    private final Duration idleInterval;
    private final Duration activeInterval;
    private final boolean paced;
    private final int jpegQuality;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong faceFrames = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean finished;

    public CaptureLoop(FrameSource source, FaceEngine engine, FaceGate gate, Consumer<Candidate> candidates,
                       Duration idleInterval, Duration activeInterval, boolean paced, int jpegQuality) {
        this.source = source;
        this.engine = engine;
        this.gate = gate;
        this.candidates = candidates;
        this.idleInterval = idleInterval;
        this.activeInterval = activeInterval;
        this.paced = paced;
        this.jpegQuality = jpegQuality;
        this.thread = new Thread(this::run, "capture");
        thread.setDaemon(true);
    }

    public CaptureLoop start() {
        thread.start();
        return this;
    }

    /** Runs on the calling thread until the source ends (benchmarks). */
    public void runToEnd() {
        run();
    }

    public long frames() {
        return frames.get();
    }

    public long faceFrames() {
        return faceFrames.get();
    }

    public long candidates() {
        return emitted.get();
    }

    public boolean finished() {
        return finished;
    }

    private void run() {
        Instant last = null;
        try {
            while (running) {
                long t0 = System.nanoTime();
                Optional<Frame> f = source.next();
                if (f.isEmpty()) {
                    break;
                }
                last = f.get().at();
                step(f.get());
                if (paced) {
                    long spent = (System.nanoTime() - t0) / 1_000_000;
                    long wait = (gate.active() ? activeInterval : idleInterval).toMillis() - spent;
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("capture loop stopped: {}", Failures.describe(e));
        } finally {
            if (last != null) {
                gate.flush(last.plusSeconds(3600)).ifPresent(this::emit);
            }
            finished = true;
        }
    }

    private void step(Frame f) {
        frames.incrementAndGet();
        byte[] jpeg = f.encoded() != null ? f.encoded() : Jpeg.encode(f.image(), jpegQuality);
        List<Face> faces;
        try {
            faces = engine.analyze(jpeg, FaceEngine.Detail.DEFAULT);
        } catch (ImageRejectedException e) {
            LOG.debug("frame {} rejected by the engine: {}", f.seq(), e.kind());
            return;
        } catch (RuntimeException e) {
            LOG.warn("face engine failed on frame {}: {}", f.seq(), Failures.describe(e));
            return;
        }
        if (!faces.isEmpty()) {
            faceFrames.incrementAndGet();
        }
        gate.offer(f, jpeg, faces).ifPresent(this::emit);
    }

    private void emit(Candidate c) {
        emitted.incrementAndGet();
        try {
            candidates.accept(c);
        } catch (RuntimeException e) {
            LOG.error("candidate handler failed: {}", Failures.describe(e));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}

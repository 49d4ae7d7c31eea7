package com.facegate.device.gate;

import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.capture.Jpeg;
import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.protocol.Failures;
import com.facegate.protocol.retry.Jitter;
import com.facegate.protocol.retry.RetryDelays;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture thread: frame → engine → gate → candidate. Paced to save CPU: one gate check per
 * {@code idleInterval} while nobody is there, one per {@code activeInterval} while an approach is being
 * collected. Pacing can be turned off (benchmarks, folder replays).
 *
 * <p>A door must never go blind for good: a frame that fails anywhere (the engine, encoding, the gate) is dropped
 * with a logged reason, and a camera that fails (an exception of any kind from the source) is closed, reopened
 * after a backoff, and reported to the {@link CameraWatch} while it is down.
 *
 * <p>With no approach open, a frame is also emitted as it is, with no face chosen, when the door asks for one
 * ({@link #uploadingWithoutFace}): a card shown with nobody in view still gets a decision.
 */
public final class CaptureLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureLoop.class);

    /** Reopens the camera after a fault; null: the same source is asked again (it cannot be reopened). */
    public interface Reopener {
        FrameSource open() throws java.io.IOException;
    }

    private volatile FrameSource source;
    private Reopener reopener;
    private CameraWatch watch = CameraWatch.NONE;
    private BooleanSupplier withoutFace = () -> false;
    private RetryDelays restartDelays = restartDelays(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private int restarts;
    private volatile Instant downSince;
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final FaceEngine engine;
    private final BestFrameSelector gate;
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

    public CaptureLoop(FrameSource source, FaceEngine engine, BestFrameSelector gate, Consumer<Candidate> candidates,
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

    /** Restarts a failed camera through {@code reopen} (null: ask the same source again), reporting to {@code w}. */
    public CaptureLoop recovering(Reopener reopen, CameraWatch w, Duration firstRetry, Duration maxRetry) {
        this.reopener = reopen;
        this.watch = w;
        this.restartDelays = restartDelays(firstRetry, maxRetry);
        return this;
    }

    /** {@code due}: asked after each frame no approach holds; true emits that frame with no face chosen. */
    public CaptureLoop uploadingWithoutFace(BooleanSupplier due) {
        this.withoutFace = due;
        return this;
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

    /** Camera failures so far (each one restarted the camera). */
    public long cameraFaults() {
        return faults.get();
    }

    /** Frames dropped because their processing failed. */
    public long droppedFrames() {
        return dropped.get();
    }

    /** True while the camera is failing and being restarted. */
    public boolean cameraDown() {
        return downSince != null;
    }

    private void run() {
        Instant last = null;
        try {
            while (running) {
                long t0 = System.nanoTime();
                Optional<Frame> f = nextFrame();
                if (f == null) {
                    continue; // the camera failed and was restarted
                }
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
        } finally {
            if (last != null) {
                gate.flush(last.plusSeconds(3600)).ifPresent(this::emit);
            }
            finished = true;
        }
    }

    /** The next frame; empty at the source's end; null after a camera fault (already handled, retry). */
    private Optional<Frame> nextFrame() throws InterruptedException {
        Optional<Frame> f;
        try {
            if (source == null) {
                source = reopener.open();
            }
            f = source.next();
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            if (!running) {
                return Optional.empty();
            }
            cameraFailed(e);
            return null;
        }
        if (downSince != null && f.isPresent()) {
            Duration down = Duration.between(downSince, Instant.now());
            downSince = null;
            restarts = 0;
            LOG.info("camera restored after {} s", down.toSeconds());
            watch.restored(down);
        }
        return f;
    }

    private void cameraFailed(Throwable e) throws InterruptedException {
        faults.incrementAndGet();
        Duration wait = restartDelays.before(++restarts);
        LOG.error("camera failed, restarting in {} ms: {}", wait.toMillis(), Failures.describe(e));
        if (downSince == null) {
            downSince = Instant.now();
            try {
                watch.down(e.getClass().getSimpleName());
            } catch (RuntimeException auditFailed) {
                LOG.error("camera fault not recorded: {}", Failures.describe(auditFailed));
            }
        }
        if (reopener != null && source != null) {
            closeQuietly(source);
            source = null;
        }
        Thread.sleep(wait.toMillis());
    }

    private static void closeQuietly(FrameSource s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn("camera did not close cleanly: {}", Failures.describe(e));
        }
    }

    /** One frame through engine and gate; any failure drops this frame only. */
    private void step(Frame f) {
        frames.incrementAndGet();
        long received = System.nanoTime();
        try {
            // A window this frame's time has closed is emitted before the frame's own analysis, not after it.
            gate.due(f.at()).ifPresent(this::emit);
            byte[] jpeg = f.encoded() != null ? f.encoded() : Jpeg.encode(f.image(), jpegQuality);
            List<Face> faces;
            try {
                faces = engine.analyze(jpeg, FaceEngine.Detail.DEFAULT);
            } catch (ImageRejectedException e) {
                // Never uploaded: a frame the engine refuses (half-decoded, too large) is not a visit.
                dropped.incrementAndGet();
                LOG.warn("frame {} dropped, the engine refused it ({}): {}", f.seq(), e.kind(),
                        Failures.describe(e));
                return;
            }
            if (!faces.isEmpty()) {
                faceFrames.incrementAndGet();
            }
            gate.offer(f, jpeg, faces).ifPresent(this::emit);
            if (paced) {
                // A live camera's frame times are the clock's: a window that ended during this analysis closes now.
                gate.due(f.at().plusNanos(System.nanoTime() - received)).ifPresent(this::emit);
            }
            if (!gate.active() && withoutFace.getAsBoolean()) {
                emit(Candidate.withoutFace(f, jpeg));
            }
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            dropped.incrementAndGet();
            LOG.warn("frame {} dropped, processing failed: {}", f.seq(), Failures.describe(e));
        }
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
        FrameSource s = source;
        if (s != null) {
            s.close();
        }
    }

    /** Doubling from {@code first} to {@code max}, never sooner than {@code first}. */
    private static RetryDelays restartDelays(Duration first, Duration max) {
        return RetryDelays.exponential(first, 2, max, Jitter.ABOVE_INITIAL);
    }
}

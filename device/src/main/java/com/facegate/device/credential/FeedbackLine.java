package com.facegate.device.credential;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link Cue}'s pattern on the door's {@link Indicator} and logs each change, so the person at the door
 * and whoever reads the log see what the door waits for. A new cue replaces the one playing. The line is off
 * when idle, after a failure to drive it, and from {@link #close()} on.
 */
public final class FeedbackLine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackLine.class);

    private final Indicator indicator;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "door-feedback");
        t.setDaemon(true);
        return t;
    });
    private Cue showing = Cue.IDLE;
    private long generation;
    private ScheduledFuture<?> next;
    private boolean closed;

    public FeedbackLine(Indicator indicator) {
        this.indicator = indicator;
        drive(false);
    }

    /** Shows {@code cue} from its first step (again, if it is already showing). */
    public synchronized void show(Cue cue) {
        if (closed) {
            return;
        }
        if (cue != showing) {
            LOG.info("door feedback: {}", cue);
        }
        showing = cue;
        generation++;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (cue.steps().isEmpty()) {
            drive(false);
            return;
        }
        step(cue, 0, System.nanoTime() + cue.hold().toNanos(), generation);
    }

    /** The cue being shown (for the log, status and tests). */
    public synchronized Cue showing() {
        return showing;
    }

    private synchronized void step(Cue cue, int i, long untilNanos, long gen) {
        if (gen != generation || closed) {
            return;
        }
        if (System.nanoTime() >= untilNanos) {
            LOG.info("door feedback: {} (after {})", Cue.IDLE, cue);
            showing = Cue.IDLE;
            drive(false);
            return;
        }
        int ms = cue.steps().get(i % cue.steps().size());
        if (ms > 0) {
            drive(i % 2 == 0); // even steps on, odd steps off; a 0 ms step is skipped (steady light)
        }
        next = timer.schedule(() -> step(cue, i + 1, untilNanos, gen), ms, TimeUnit.MILLISECONDS);
    }

    private void drive(boolean on) {
        try {
            indicator.set(on);
        } catch (RuntimeException e) {
            LOG.error("feedback line failed; turning it off", e);
            try {
                indicator.set(false);
            } catch (RuntimeException again) {
                LOG.debug("feedback line still failing", again);
            }
        }
    }

    /** Off, and stays off. */
    @Override
    public synchronized void close() {
        closed = true;
        generation++;
        timer.shutdownNow();
        indicator.close();
    }
}

package com.facegate.device.gate;

import com.facegate.device.capture.Frame;
import com.facegate.engine.Face;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a stream of (frame, faces) into at most one {@link Candidate} per approach: the first face opens a
 * window of {@code bestFrameWindow}; the best-scoring frame inside it is emitted when the window closes, unless
 * the cooldown says this person was just uploaded. Frames with no face (or a face too small to be at the door)
 * outside a window cost nothing more. Not thread-safe: one capture thread feeds it.
 */
public final class BestFrameSelector {
    private final Duration window;
    private final float minFaceFraction;
    private final VisitCooldown cooldown;
    private Instant windowStart;
    private Candidate best;
    private int considered;
    private long skippedByCooldown;

    public BestFrameSelector(Duration window, float minFaceFraction, VisitCooldown cooldown) {
        this.window = window;
        this.minFaceFraction = minFaceFraction;
        this.cooldown = cooldown;
    }

    /** True while a face is around (an approach is being collected): the capture loop runs at full rate then. */
    public boolean active() {
        return windowStart != null;
    }

    public long skippedByCooldown() {
        return skippedByCooldown;
    }

    /**
     * Offers one analysed frame. {@code faces} is largest first. Returns the visit's best frame when its window
     * has just closed.
     */
    public Optional<Candidate> offer(Frame frame, byte[] jpeg, List<Face> faces) {
        Optional<Candidate> out = Optional.empty();
        if (windowStart != null && !frame.at().isBefore(windowStart.plus(window))) {
            out = closeWindow(frame.at());
        }
        Face face = faces.isEmpty() ? null : faces.get(0);
        if (face == null || face.box().area() < minFaceFraction) {
            return out;
        }
        if (windowStart == null) {
            if (out.isPresent() || cooldown.recentlySeen(face.embedding(), frame.at())) {
                if (out.isEmpty()) {
                    skippedByCooldown++;
                }
                return out;
            }
            windowStart = frame.at();
        }
        considered++;
        double score = FrameScore.of(face);
        if (best == null || score > best.score()) {
            best = new Candidate(frame, jpeg, face, score, considered);
        }
        return out;
    }

    /**
     * Closes the window if it is over at {@code now}, so the visit's best frame leaves without waiting for a later
     * frame to be analysed (that analysis used to sit between the window's end and the upload).
     */
    public Optional<Candidate> due(Instant now) {
        return windowStart != null && !now.isBefore(windowStart.plus(window)) ? closeWindow(now) : Optional.empty();
    }

    /** Ends the current window (source ended, or the daemon is stopping). */
    public Optional<Candidate> flush(Instant now) {
        return windowStart == null ? Optional.empty() : closeWindow(now);
    }

    private Optional<Candidate> closeWindow(Instant now) {
        Candidate c = best == null ? null : new Candidate(best.frame(), best.jpeg(), best.face(), best.score(), considered);
        windowStart = null;
        best = null;
        considered = 0;
        if (c == null) {
            return Optional.empty();
        }
        cooldown.remember(c.face().embedding(), now);
        return Optional.of(c);
    }
}

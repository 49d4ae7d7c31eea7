package com.facegate.device.gate;

import com.facegate.device.capture.Frame;
import com.facegate.engine.Face;
import com.facegate.engine.Similarity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a stream of (frame, faces) into at most one {@link Candidate} per visit: the first face opens a window
 * of {@code bestFrameWindow}; the best-scoring frame of that person inside it is emitted when the window
 * closes, unless the cooldown says this person was just uploaded. A visit is one person: when a face of someone
 * else appears (an embedding below {@link #SAME_PERSON_COSINE} from the visitor's, and not someone just
 * uploaded), the visit ends there and the newcomer's own visit begins, so back-to-back people each
 * get a capture. Frames with no face (or a face too small to be at the door) outside a window cost nothing
 * more. Not thread-safe: one capture thread feeds it.
 */
public final class BestFrameSelector {
    /**
     * At or above: the same person as the visitor. The engine's score-80 cosine (docs/face-engine.md: about 1 %
     * of pairs of different people above it, about 1 % of photos of one person below it), far looser than the
     * cooldown's: splitting one person's visit costs one extra capture, merging two people hides the second.
     */
    public static final float SAME_PERSON_COSINE = 0.3f;
    private final Duration window;
    private final float minFaceFraction;
    private final VisitCooldown cooldown;
    private Instant windowStart;
    private float[] visitor;
    private Candidate best;
    private int considered;
    private final List<Face> approach = new ArrayList<>();
    private long skippedByCooldown;
    private long splitVisits;

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

    /** Visits ended early because someone else's face appeared. */
    public long splitVisits() {
        return splitVisits;
    }

    /**
     * Offers one analysed frame. {@code faces} is largest first. Returns the visit's best frame when its window
     * has just closed, or when someone else's face has just ended it.
     */
    public Optional<Candidate> offer(Frame frame, byte[] jpeg, List<Face> faces) {
        Optional<Candidate> out = Optional.empty();
        if (windowStart != null && !frame.at().isBefore(windowStart.plus(window))) {
            out = closeWindow(frame.at());
        }
        List<Face> atDoor = faces.stream().filter(f -> f.box().area() >= minFaceFraction).toList();
        if (atDoor.isEmpty()) {
            return out;
        }
        Face face;
        if (windowStart != null) {
            Optional<Face> newcomer = newcomer(atDoor, frame.at());
            if (newcomer.isEmpty()) {
                face = atDoor.stream().filter(this::isVisitor).findFirst().orElse(null);
                if (face != null) {
                    consider(frame, jpeg, face);
                }
                return out;
            }
            splitVisits++;
            out = closeWindow(frame.at());
            face = newcomer.get();
        } else {
            face = atDoor.get(0);
            boolean unknown = face.embedding() == null;
            if ((unknown && out.isPresent()) || cooldown.recentlySeen(face.embedding(), frame.at())) {
                Optional<Face> other = unknown ? Optional.empty() : newcomer(atDoor, frame.at());
                if (other.isEmpty()) {
                    if (out.isEmpty()) {
                        skippedByCooldown++;
                    }
                    return out;
                }
                face = other.get();
            }
        }
        windowStart = frame.at();
        visitor = face.embedding();
        consider(frame, jpeg, face);
        return out;
    }

    private void consider(Frame frame, byte[] jpeg, Face face) {
        considered++;
        if (approach.size() < Candidate.MAX_APPROACH) {
            approach.add(face);
        }
        double score = FrameScore.of(face);
        if (best == null || score > best.score()) {
            best = new Candidate(frame, jpeg, face, score, considered);
        }
    }

    /** True when the face is the current visitor's (or when the engine gives no embeddings to tell). */
    private boolean isVisitor(Face f) {
        return visitor == null || f.embedding() == null
                || Similarity.cosine(visitor, f.embedding()) >= SAME_PERSON_COSINE;
    }

    /** The largest face of someone who is neither the current visitor nor just uploaded. */
    private Optional<Face> newcomer(List<Face> atDoor, Instant at) {
        for (Face f : atDoor) {
            if (f.embedding() != null && !isVisitor(f) && !cooldown.recentlySeen(f.embedding(), at)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
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
        Candidate c = best == null ? null : new Candidate(best.frame(), best.jpeg(), best.face(), best.score(),
                considered, approach);
        approach.clear();
        windowStart = null;
        visitor = null;
        best = null;
        considered = 0;
        if (c == null) {
            return Optional.empty();
        }
        cooldown.remember(c.face().embedding(), now);
        return Optional.of(c);
    }
}

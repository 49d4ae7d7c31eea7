package com.facegate.device.gate;

import com.facegate.device.capture.Frame;
import com.facegate.engine.Face;
import java.util.List;

/**
 * The best frame of one approach, ready to upload: the frame, its JPEG and the chosen face; {@code approach} is the
 * visitor's face in each frame considered, in order (at most {@link #MAX_APPROACH}), for the liveness cues that
 * need motion across frames. {@code face} null: a frame sent with no face chosen ({@link #withoutFace}), its
 * approach empty.
 */
public record Candidate(Frame frame, byte[] jpeg, Face face, double score, int framesConsidered,
                        List<Face> approach) {
    /** Frames of an approach kept for liveness: about 3 s at the active rate, bounded memory per visit. */
    public static final int MAX_APPROACH = 32;

    public Candidate {
        approach = approach != null ? List.copyOf(approach) : face == null ? List.of() : List.of(face);
    }

    /** A frame uploaded as it is, for a card shown with nobody in view: the cloud finds whatever face it holds. */
    public static Candidate withoutFace(Frame frame, byte[] jpeg) {
        return new Candidate(frame, jpeg, null, 0, 1, List.of());
    }

    /** False for a frame sent with no face chosen. */
    public boolean hasFace() {
        return face != null;
    }

    public Candidate(Frame frame, byte[] jpeg, Face face, double score, int framesConsidered) {
        this(frame, jpeg, face, score, framesConsidered, List.of(face));
    }
}

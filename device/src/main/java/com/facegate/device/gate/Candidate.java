package com.facegate.device.gate;

import com.facegate.device.capture.Frame;
import com.facegate.engine.Face;
import java.util.List;

/**
 * The best frame of one approach, ready to upload: the frame, its JPEG and the chosen face; {@code approach} is the
 * visitor's face in each frame considered, in order (at most {@link #MAX_APPROACH}), for the liveness cues that
 * need motion across frames.
 */
public record Candidate(Frame frame, byte[] jpeg, Face face, double score, int framesConsidered,
                        List<Face> approach) {
    /** Frames of an approach kept for liveness: about 3 s at the active rate, bounded memory per visit. */
    public static final int MAX_APPROACH = 32;

    public Candidate {
        approach = approach == null ? List.of(face) : List.copyOf(approach);
    }

    public Candidate(Frame frame, byte[] jpeg, Face face, double score, int framesConsidered) {
        this(frame, jpeg, face, score, framesConsidered, List.of(face));
    }
}

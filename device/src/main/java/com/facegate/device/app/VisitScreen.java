package com.facegate.device.app;

import com.facegate.device.decision.PendingCaptures.Refusal;
import com.facegate.device.gate.Candidate;
import com.facegate.device.liveness.ApproachLiveness;
import com.facegate.device.liveness.LivenessVerdict;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.image.ImageDecoder;
import com.facegate.protocol.Failures;
import com.facegate.protocol.Reasons;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the door measures of a visit before it uploads it: the approach's liveness, and whether the door would
 * refuse the visit itself when it decides offline (liveness failed or not measured, or no face at all).
 */
record VisitScreen(Optional<LivenessVerdict> liveness, Refusal refusal) {
    private static final Logger LOG = LoggerFactory.getLogger(VisitScreen.class);

    static VisitScreen of(Candidate c) {
        if (!c.hasFace()) {
            // A frame sent for a card with nobody in view: nothing to measure, nothing to match offline.
            return new VisitScreen(Optional.empty(), new Refusal(Reasons.NO_FACE, "no face in view"));
        }
        Optional<LivenessVerdict> live = measureLiveness(c);
        Refusal refusal = live.isEmpty() ? new Refusal(Reasons.LOW_LIVENESS, "liveness not measured")
                : live.get().refused(ApproachLiveness.FLOOR) ? new Refusal(Reasons.LOW_LIVENESS, live.get().cues())
                : null;
        return new VisitScreen(live, refusal);
    }

    /** The liveness score and cues for the capture's metadata; none for a frame with no face. */
    Map<String, String> metadata() {
        return liveness.map(LivenessVerdict::metadata).orElse(Map.of());
    }

    /** The approach's presentation-attack measure; empty (refused, fail secure) when it could not be taken. */
    private static Optional<LivenessVerdict> measureLiveness(Candidate c) {
        try {
            BufferedImage img = c.frame().image() != null ? c.frame().image() : ImageDecoder.decodeImage(c.jpeg());
            LivenessVerdict v = ApproachLiveness.assess(c.approach(), c.face(), img);
            LOG.debug("liveness {} in {} ms over {} frames", v.score(), Math.round(v.millis()), c.approach().size());
            return Optional.of(v);
        } catch (ImageRejectedException | RuntimeException e) {
            LOG.warn("liveness not measured: {}", Failures.describe(e));
            return Optional.empty();
        }
    }
}

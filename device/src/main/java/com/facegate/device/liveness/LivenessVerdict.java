package com.facegate.device.liveness;

import com.facegate.protocol.CaptureMetadata;
import java.util.List;
import java.util.Map;

/**
 * The door's presentation-attack measure of one approach: the score 0..100, the cue text that travels with it
 * (protocol LivenessCues), the cues that failed, and what measuring cost.
 */
public record LivenessVerdict(int score, String cues, List<String> failed, double millis) {
    public LivenessVerdict {
        failed = List.copyOf(failed);
    }

    /** The capture metadata for CaptureUploader. */
    public Map<String, String> metadata() {
        return Map.of(CaptureMetadata.LIVENESS, Integer.toString(score), CaptureMetadata.LIVENESS_CUES, cues);
    }

    /** Below the floor, or a cue failed: what the cloud refuses, and what the offline decider refuses too. */
    public boolean refused(float floor) {
        return score < floor || !failed.isEmpty();
    }
}

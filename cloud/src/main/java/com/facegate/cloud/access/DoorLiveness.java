package com.facegate.cloud.access;

import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.LivenessCues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;

/**
 * FACEGATE_LIVENESS=door: the door's presentation-attack score and cues, from the capture's S3 metadata
 * ({@link CaptureMetadata#LIVENESS}, {@link CaptureMetadata#LIVENESS_CUES}). Works the same in AWS and locally, as
 * it needs nothing from Rekognition. A capture without them, or with values that do not parse, is refused with the
 * reason (fail secure: an old or tampered door cannot skip the check by leaving them out).
 */
final class DoorLiveness implements LivenessCheck {
    /** Longest score text accepted ("100.0" and a little slack). */
    private static final int MAX_SCORE_LENGTH = 8;

    @Override
    public boolean available() {
        return true;
    }

    /** The door's score does not depend on the recognition response. */
    @Override
    public OptionalDouble score(DetectFacesResponse response, int faceIndex) {
        return OptionalDouble.empty();
    }

    @Override
    public OptionalDouble score(DetectFacesResponse response, int faceIndex, Map<String, String> metadata) {
        String text = metadata.get(CaptureMetadata.LIVENESS);
        return text == null ? OptionalDouble.empty() : parseScore(text);
    }

    @Override
    public Optional<String> refusal(DetectFacesResponse response, int faceIndex, Map<String, String> metadata,
                                    float floor) {
        String text = metadata.get(CaptureMetadata.LIVENESS);
        if (text == null) {
            return Optional.of("no door liveness score on the capture");
        }
        OptionalDouble score = parseScore(text);
        if (score.isEmpty()) {
            return Optional.of("door liveness score is not a number 0..100");
        }
        Optional<Map<String, String>> cues = LivenessCues.parse(metadata.get(CaptureMetadata.LIVENESS_CUES));
        if (cues.isEmpty()) {
            return Optional.of("door liveness cues missing or unreadable");
        }
        List<String> failed = LivenessCues.failed(cues.get());
        double s = score.getAsDouble();
        if (s >= floor && failed.isEmpty()) {
            return Optional.empty();
        }
        // A failed cue refuses even above the floor: the door caps such a score below any sane floor, and a
        // floor set to 0 must not let a picture the door recognised as one through.
        String which = failed.isEmpty() ? LivenessCues.TEXTURE : String.join(",", failed);
        return Optional.of("liveness " + Math.round(s) + " (floor " + Math.round(floor) + "), failed: " + which);
    }

    private static OptionalDouble parseScore(String text) {
        if (text.length() > MAX_SCORE_LENGTH) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(text.trim());
            return d >= 0 && d <= 100 ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}

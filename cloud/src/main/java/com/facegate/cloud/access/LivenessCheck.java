package com.facegate.cloud.access;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;

/**
 * Where a liveness (presentation-attack) score comes from. Amazon Rekognition's DetectFaces has none (AWS offers
 * liveness only through Face Liveness sessions, which need the camera-side SDK), so the door measures it over the
 * approach's frames and uploads score and cues as the capture's metadata: {@link #fromDoor()}, FACEGATE_LIVENESS=door,
 * the default (AWS and anywhere not set; the local stack sets {@code local}). {@link #notAvailable()} ({@code off})
 * skips liveness and is for tests and sites that accept the risk in writing.
 *
 * <p>FaceGate's local Rekognition-compatible endpoint adds {@code "Liveness": {"Score": 0..100}} to each FaceDetail;
 * {@link LivenessInterceptor} (registered on the Rekognition client) moves the scores into the response header
 * {@value #HEADER}, comma-separated in FaceDetails order, and {@link #fromHeader()} reads them. FACEGATE_LIVENESS=local
 * enables this; the client passed to the handler must carry the interceptor (CloudClients.fromEnv does).
 * When that check is enabled but the header is missing, the score is unknown and the caller denies (fail secure).
 */
public interface LivenessCheck {
    String HEADER = "x-facegate-liveness";

    /** Whether this check produces scores at all; when false the access decision skips liveness. */
    boolean available();

    /** The liveness score 0..100 of the face at {@code faceIndex} in the response, empty when unknown. */
    OptionalDouble score(DetectFacesResponse response, int faceIndex);

    /**
     * The score this check judges the face at {@code faceIndex} by, for the decision's audit record; empty when
     * unknown. {@code metadata} is the capture's S3 user metadata.
     */
    default OptionalDouble score(DetectFacesResponse response, int faceIndex, Map<String, String> metadata) {
        return score(response, faceIndex);
    }

    /**
     * Why the face at {@code faceIndex} is not live enough against {@code floor} (0..100), or empty when it is.
     * {@code metadata} is the capture's S3 user metadata. An unknown score is a refusal (fail secure).
     */
    default Optional<String> refusal(DetectFacesResponse response, int faceIndex, Map<String, String> metadata,
                                     float floor) {
        OptionalDouble score = score(response, faceIndex);
        if (score.isEmpty()) {
            return Optional.of("liveness score unavailable");
        }
        return score.getAsDouble() < floor ? Optional.of("liveness " + Math.round(score.getAsDouble()))
                : Optional.empty();
    }

    static LivenessCheck notAvailable() {
        return new LivenessCheck() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public OptionalDouble score(DetectFacesResponse response, int faceIndex) {
                return OptionalDouble.empty();
            }
        };
    }

    static LivenessCheck fromHeader() {
        return new LivenessCheck() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public OptionalDouble score(DetectFacesResponse response, int faceIndex) {
                if (response.sdkHttpResponse() == null) {
                    return OptionalDouble.empty();
                }
                return response.sdkHttpResponse().firstMatchingHeader(HEADER).map(v -> {
                    String[] parts = v.split(",");
                    if (faceIndex < 0 || faceIndex >= parts.length) {
                        return OptionalDouble.empty();
                    }
                    try {
                        double d = Double.parseDouble(parts[faceIndex].trim());
                        return d >= 0 && d <= 100 ? OptionalDouble.of(d) : OptionalDouble.empty();
                    } catch (NumberFormatException e) {
                        return OptionalDouble.empty();
                    }
                }).orElse(OptionalDouble.empty());
            }
        };
    }

    /** The door's score and cues from the capture's metadata ({@link DoorLiveness}). */
    static LivenessCheck fromDoor() {
        return new DoorLiveness();
    }

    /**
     * {@code door} (default, blank too: the door's measure, in AWS and locally), {@code header} / {@code local}
     * (the local endpoint's texture score) or {@code off}.
     */
    static LivenessCheck forMode(String mode) {
        if (mode == null || mode.isBlank() || mode.equalsIgnoreCase("door")) {
            return fromDoor();
        }
        if (mode.equalsIgnoreCase("off")) {
            return notAvailable();
        }
        if (mode.equalsIgnoreCase("header") || mode.equalsIgnoreCase("local")) {
            return fromHeader();
        }
        throw new IllegalStateException("FACEGATE_LIVENESS must be door, off, header or local");
    }
}

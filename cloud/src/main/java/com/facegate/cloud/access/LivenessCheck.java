package com.facegate.cloud.access;

import java.util.OptionalDouble;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;

/**
 * Where a liveness (presentation-attack) score comes from. Amazon Rekognition's DetectFaces has none (AWS offers
 * liveness only through Face Liveness sessions, which need the camera-side SDK), so in AWS mode this is
 * {@link #notAvailable()} and the access decision does not use liveness: document that risk for the site.
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

    /** {@code off} (default, AWS) or {@code header} / {@code local} (the local endpoint's header). */
    static LivenessCheck forMode(String mode) {
        if (mode == null || mode.isBlank() || mode.equalsIgnoreCase("off")) {
            return notAvailable();
        }
        if (mode.equalsIgnoreCase("header") || mode.equalsIgnoreCase("local")) {
            return fromHeader();
        }
        throw new IllegalStateException("FACEGATE_LIVENESS must be off, header or local");
    }
}

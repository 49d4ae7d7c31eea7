package com.facegate.cloud.access;

import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whether the door still waits for a capture's decision. The door keeps a capture pending until its
 * {@code decision.deadline} (default 8 s, door clock) after the capture; it uploads the capture time as the object's
 * {@code capture-time} metadata. The cloud does not know each door's setting, so it assumes the default plus the
 * door's clock-skew allowance; a later decision would be IGNORED by the door anyway.
 */
final class CaptureDeadline {
    /** The door's default {@code decision.deadline}. */
    static final Duration DOOR_DEADLINE = Duration.ofSeconds(8);
    /** The door's default {@code decision.clockSkew}: the cloud's clock may differ from the door's by this. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

    private CaptureDeadline() {}

    /**
     * The capture time from the object's metadata; else {@code fallback} (for a claim taken over: when the first
     * delivery claimed it, which is after the capture). Empty when neither is known.
     */
    static Optional<Instant> capturedAt(S3Client s3, String bucket, CaptureKey capture, Instant fallback) {
        try {
            String t = s3.headObject(b -> b.bucket(bucket).key(capture.key())).metadata()
                    .get(CaptureMetadata.CAPTURE_TIME);
            if (t != null) {
                return Optional.of(Instant.parse(t));
            }
        } catch (SdkException | java.time.format.DateTimeParseException e) {
            // capture gone or metadata unreadable: fall back
        }
        return Optional.ofNullable(fallback);
    }

    static boolean passed(Instant capturedAt, Instant now) {
        return now.isAfter(capturedAt.plus(DOOR_DEADLINE).plus(CLOCK_SKEW));
    }
}

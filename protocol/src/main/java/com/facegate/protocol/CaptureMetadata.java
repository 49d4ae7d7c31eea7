package com.facegate.protocol;

import java.util.Set;

/**
 * The S3 user metadata ({@code x-amz-meta-*}) a door puts on a capture, named once for the door that writes it and
 * the cloud that reads it. S3 limits user metadata to 2 KB per object, so values stay short. What a person
 * presented besides their face and what the door measured of the approach travel here, beside the image, so that
 * the S3 event and the fast-path announcement decide from the same object.
 */
public final class CaptureMetadata {
    /** The door that uploaded the capture (also in the key; kept for audit tools reading objects alone). */
    public static final String DOOR_ID = "door-id";
    /** When the chosen frame was taken, ISO-8601 instant by the door's clock. */
    public static final String CAPTURE_TIME = "capture-time";
    /** The door's clock at upload, so the cloud can tell a skewed door clock from a late upload. */
    public static final String DEVICE_CLOCK = "device-clock";
    /** The card presented with this capture, absent when none. An identifier, not a secret; kept out of INFO logs. */
    public static final String CARD = "card";
    /** The PIN entered with this capture, sealed for the cloud: never in clear. Absent when none. */
    public static final String PIN_SEALED = "pin-sealed";
    /** The door's presentation-attack score 0..100 over the approach's frames, absent when not measured. */
    public static final String LIVENESS = "liveness";
    /** Which liveness cues were measured and which failed (short text the door's policy writes). */
    public static final String LIVENESS_CUES = "liveness-cues";

    /** The names a door may set beyond the three it always sets; anything else is refused before upload. */
    public static final Set<String> PRESENTED = Set.of(CARD, PIN_SEALED, LIVENESS, LIVENESS_CUES);

    private CaptureMetadata() {
    }
}

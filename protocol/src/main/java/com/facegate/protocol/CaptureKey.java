package com.facegate.protocol;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The S3 key of one capture, {@code captures/{doorId}/{captureId}.jpg}, as the door writes it and the cloud reads it.
 */
public record CaptureKey(String doorId, String captureId) {
    public static final String PREFIX = "captures/";
    public static final String SUFFIX = ".jpg";
    private static final Pattern CAPTURE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{7,127}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public CaptureKey {
        DoorIds.require(doorId);
        if (!isValidCaptureId(captureId)) {
            throw new IllegalArgumentException("invalid capture id: " + Sanitize.forLog(captureId));
        }
    }

    public static boolean isValidCaptureId(String captureId) {
        return captureId != null && CAPTURE_ID.matcher(captureId).matches();
    }

    /** A new capture id: capture time (for humans and lifecycle) plus 64 random bits (for uniqueness). */
    public static String newCaptureId(Instant at) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return at.truncatedTo(ChronoUnit.MILLIS) + "_" + HexFormat.of().formatHex(r);
    }

    public String key() {
        return PREFIX + doorId + "/" + captureId + SUFFIX;
    }

    /** Parses an already URL-decoded object key; empty when it is not a well-formed capture key. */
    public static Optional<CaptureKey> parse(String key) {
        if (key == null || !key.startsWith(PREFIX) || !key.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length(), key.length() - SUFFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String door = rest.substring(0, slash);
        String id = rest.substring(slash + 1);
        if (!DoorIds.isValid(door) || !isValidCaptureId(id)) {
            return Optional.empty();
        }
        return Optional.of(new CaptureKey(door, id));
    }
}

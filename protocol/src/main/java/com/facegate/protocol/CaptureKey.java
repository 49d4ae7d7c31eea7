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
        if (problem(key).isPresent()) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length(), key.length() - SUFFIX.length());
        int slash = rest.indexOf('/');
        return Optional.of(new CaptureKey(rest.substring(0, slash), rest.substring(slash + 1)));
    }

    /**
     * Why an already URL-decoded object key is not {@code captures/{doorId}/{captureId}.jpg}, or empty when it is.
     * S3 keys are opaque: {@code captures/front-door-01/../../registry/x.jpg} is a key of its own, not a path, and
     * names no door; so {@code .}, {@code ..} and empty segments are refused by name, before the shape.
     */
    public static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("no key");
        }
        if (!key.startsWith(PREFIX)) {
            return Optional.of("not under " + PREFIX);
        }
        String[] segments = key.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].isEmpty()) {
                return Optional.of("empty segment");
            }
            if (segments[i].equals(".") || segments[i].equals("..")) {
                return Optional.of("'" + segments[i] + "' segment");
            }
        }
        if (segments.length != 3) {
            return Optional.of(segments.length + " segments, expected captures/{doorId}/{captureId}.jpg");
        }
        if (!segments[2].endsWith(SUFFIX)) {
            return Optional.of("not a " + SUFFIX + " object");
        }
        if (!DoorIds.isValid(segments[1])) {
            return Optional.of("invalid door id");
        }
        if (!isValidCaptureId(segments[2].substring(0, segments[2].length() - SUFFIX.length()))) {
            return Optional.of("invalid capture id");
        }
        return Optional.empty();
    }
}

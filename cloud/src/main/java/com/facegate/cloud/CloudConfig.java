package com.facegate.cloud;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings shared by the handlers, read once per container from environment variables (see {@link #fromEnv}).
 * Everything has a safe default except the bucket.
 *
 * <table>
 * <tr><td>FACEGATE_BUCKET</td><td>bucket holding captures/, enroll/, registry/, audit/, decisions/ (required)</td></tr>
 * <tr><td>FACEGATE_COLLECTION_ID</td><td>Rekognition collection, default {@code facegate}</td></tr>
 * <tr><td>FACEGATE_MATCH_THRESHOLD</td><td>SearchFacesByImage FaceMatchThreshold 0..100, default 99</td></tr>
 * <tr><td>FACEGATE_DECISION_TTL_SECONDS</td><td>how long a decision may be acted on, default 5</td></tr>
 * <tr><td>FACEGATE_MULTI_FACE_DENY</td><td>deny when more than one meaningful face is in frame, default true</td></tr>
 * <tr><td>FACEGATE_MIN_FACE_FRACTION</td><td>a face is "meaningful" when its box height is at least this fraction of the frame, default 0.10</td></tr>
 * <tr><td>FACEGATE_MIN_SHARPNESS / FACEGATE_MIN_BRIGHTNESS</td><td>Rekognition Quality floor 0..100 for access, default 5 / 5</td></tr>
 * <tr><td>FACEGATE_LIVENESS</td><td>{@code off} (default; AWS DetectFaces has no liveness) or {@code local} (see access.LivenessCheck)</td></tr>
 * <tr><td>FACEGATE_MIN_LIVENESS</td><td>liveness floor 0..100 when a score is available, default 10 (the local engine's fr_liveness scores 2.6 % of real LFW faces below 10 and 8.4 % below 50; see docs/face-engine.md)</td></tr>
 * <tr><td>FACEGATE_DUPLICATE_THRESHOLD</td><td>enrollment: similarity above which a face "already belongs" to a badge, default 95</td></tr>
 * <tr><td>FACEGATE_SAME_PERSON_THRESHOLD</td><td>enrollment: a badge's second and later photos must match one of its own faces at this similarity or are rejected NOT_SAME_PERSON, default 90 (on the local engine LFW's 1-in-1000 false-accept point; the door's match threshold would refuse ordinary variation between two photos of one person)</td></tr>
 * <tr><td>FACEGATE_REGISTRY_FRESH_MILLIS</td><td>how long a registry document is trusted without revalidation, default 0 (always revalidate by ETag)</td></tr>
 * <tr><td>FACEGATE_S3_ENDPOINT, FACEGATE_REKOGNITION_ENDPOINT, FACEGATE_IOT_DATA_ENDPOINT</td><td>endpoint overrides (local stack; the IoT one is also needed in AWS: the account's iot:Data-ATS endpoint)</td></tr>
 * </table>
 */
public record CloudConfig(
        String bucket,
        String collectionId,
        float matchThreshold,
        Duration decisionTtl,
        boolean denyMultipleFaces,
        double minFaceFraction,
        float minSharpness,
        float minBrightness,
        String livenessMode,
        float minLiveness,
        float duplicateThreshold,
        Duration registryFreshFor,
        float samePersonThreshold) {

    public static final long MAX_IMAGE_BYTES = 15L * 1024 * 1024;
    /** Rekognition accepts raw bytes up to 5 MB; bigger images (up to 15 MB) must be passed as an S3 reference. */
    public static final long MAX_INLINE_BYTES = 5L * 1024 * 1024;

    public CloudConfig {
        Objects.requireNonNull(bucket, "bucket");
        if (matchThreshold < 0 || matchThreshold > 100) {
            throw new IllegalArgumentException("match threshold outside 0..100");
        }
        if (samePersonThreshold < 0 || samePersonThreshold > 100) {
            throw new IllegalArgumentException("same-person threshold outside 0..100");
        }
        if (decisionTtl.isNegative() || decisionTtl.isZero() || decisionTtl.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("decision TTL must be within (0, 60s]");
        }
    }

    /** Defaults for everything but the bucket. */
    public static CloudConfig defaults(String bucket) {
        return new CloudConfig(bucket, "facegate", 99f, Duration.ofSeconds(5), true, 0.10, 5f, 5f, "off", 10f, 95f,
                Duration.ZERO, 90f);
    }

    public static CloudConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static CloudConfig fromEnv(Map<String, String> env) {
        String bucket = env.get("FACEGATE_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("FACEGATE_BUCKET is not set");
        }
        CloudConfig d = defaults(bucket);
        return new CloudConfig(bucket,
                env.getOrDefault("FACEGATE_COLLECTION_ID", d.collectionId()),
                floatOf(env, "FACEGATE_MATCH_THRESHOLD", d.matchThreshold()),
                Duration.ofMillis(Math.round(1000 * floatOf(env, "FACEGATE_DECISION_TTL_SECONDS", 5f))),
                Boolean.parseBoolean(env.getOrDefault("FACEGATE_MULTI_FACE_DENY", "true")),
                floatOf(env, "FACEGATE_MIN_FACE_FRACTION", (float) d.minFaceFraction()),
                floatOf(env, "FACEGATE_MIN_SHARPNESS", d.minSharpness()),
                floatOf(env, "FACEGATE_MIN_BRIGHTNESS", d.minBrightness()),
                env.getOrDefault("FACEGATE_LIVENESS", d.livenessMode()),
                floatOf(env, "FACEGATE_MIN_LIVENESS", d.minLiveness()),
                floatOf(env, "FACEGATE_DUPLICATE_THRESHOLD", d.duplicateThreshold()),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("FACEGATE_REGISTRY_FRESH_MILLIS", "0"))),
                floatOf(env, "FACEGATE_SAME_PERSON_THRESHOLD", d.samePersonThreshold()));
    }

    public CloudConfig withMatchThreshold(float t) {
        return new CloudConfig(bucket, collectionId, t, decisionTtl, denyMultipleFaces, minFaceFraction, minSharpness,
                minBrightness, livenessMode, minLiveness, duplicateThreshold, registryFreshFor,
                samePersonThreshold);
    }

    public CloudConfig withQuality(float sharpness, float brightness) {
        return new CloudConfig(bucket, collectionId, matchThreshold, decisionTtl, denyMultipleFaces, minFaceFraction,
                sharpness, brightness, livenessMode, minLiveness, duplicateThreshold, registryFreshFor,
                samePersonThreshold);
    }

    public CloudConfig withLiveness(String mode, float min) {
        return new CloudConfig(bucket, collectionId, matchThreshold, decisionTtl, denyMultipleFaces, minFaceFraction,
                minSharpness, minBrightness, mode, min, duplicateThreshold, registryFreshFor,
                samePersonThreshold);
    }

    public CloudConfig withDecisionTtl(Duration ttl) {
        return new CloudConfig(bucket, collectionId, matchThreshold, ttl, denyMultipleFaces, minFaceFraction,
                minSharpness, minBrightness, livenessMode, minLiveness, duplicateThreshold, registryFreshFor,
                samePersonThreshold);
    }

    private static float floatOf(Map<String, String> env, String name, float dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " is not a number");
        }
    }
}

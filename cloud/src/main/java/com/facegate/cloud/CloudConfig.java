package com.facegate.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings shared by the handlers, read once per container from environment variables (see {@link #fromEnv}),
 * or built with {@link #builder(String)}. Everything has a safe default (declared once, in {@link Builder})
 * except the bucket; {@link Builder#build()} reports every out-of-range value at once.
 *
 * <p>The variables, their defaults and meanings are declared in {@link CloudEnv} (and listed in cloud/README.md,
 * generated from it).
 */
public final class CloudConfig {
    public static final long MAX_IMAGE_BYTES = 15L * 1024 * 1024;
    /** Rekognition accepts raw bytes up to 5 MB; bigger images (up to 15 MB) must be passed as an S3 reference. */
    public static final long MAX_INLINE_BYTES = 5L * 1024 * 1024;

    private final String bucket;
    private final String collectionId;
    private final float matchThreshold;
    private final Duration decisionTtl;
    private final boolean denyMultipleFaces;
    private final double minFaceFraction;
    private final float minSharpness;
    private final float minBrightness;
    private final String livenessMode;
    private final float minLiveness;
    private final float duplicateThreshold;
    private final Duration registryFreshFor;
    private final float samePersonThreshold;
    private final String similarity;
    private final double falseAcceptTarget;
    private final int maxWrongPins;
    private final String pinKey;
    private final int maxPhotosPerBadge;

    private CloudConfig(Builder b) {
        this.bucket = b.bucket;
        this.collectionId = b.collectionId;
        this.matchThreshold = b.matchThreshold;
        this.decisionTtl = b.decisionTtl;
        this.denyMultipleFaces = b.denyMultipleFaces;
        this.minFaceFraction = b.minFaceFraction;
        this.minSharpness = b.minSharpness;
        this.minBrightness = b.minBrightness;
        this.livenessMode = b.livenessMode;
        this.minLiveness = b.minLiveness;
        this.duplicateThreshold = b.duplicateThreshold;
        this.registryFreshFor = b.registryFreshFor;
        this.samePersonThreshold = b.samePersonThreshold;
        this.similarity = b.similarity;
        this.falseAcceptTarget = b.falseAcceptTarget;
        this.maxWrongPins = b.maxWrongPins;
        this.pinKey = b.pinKey;
        this.maxPhotosPerBadge = b.maxPhotosPerBadge;
    }

    /** The defaults, for a bucket; change what differs and {@link Builder#build()}. */
    public static Builder builder(String bucket) {
        return new Builder(bucket);
    }

    /** Defaults for everything but the bucket. */
    public static CloudConfig defaults(String bucket) {
        return builder(bucket).build();
    }

    /** A builder holding this config's values, to derive a variant. */
    public Builder toBuilder() {
        return builder(bucket).collectionId(collectionId).matchThreshold(matchThreshold).decisionTtl(decisionTtl)
                .denyMultipleFaces(denyMultipleFaces).minFaceFraction(minFaceFraction)
                .minSharpness(minSharpness).minBrightness(minBrightness).livenessMode(livenessMode)
                .minLiveness(minLiveness)
                .duplicateThreshold(duplicateThreshold).registryFreshFor(registryFreshFor)
                .samePersonThreshold(samePersonThreshold).similarity(similarity)
                .falseAcceptTarget(falseAcceptTarget).maxWrongPins(maxWrongPins).pinKey(pinKey)
                .maxPhotosPerBadge(maxPhotosPerBadge);
    }

    public static CloudConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** The variables of {@link CloudEnv}; every malformed or out-of-range one is reported at once. */
    public static CloudConfig fromEnv(Map<String, String> env) {
        String bucket = env.get(CloudEnv.BUCKET.variable());
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException(CloudEnv.BUCKET.variable() + " is not set");
        }
        Builder b = builder(bucket);
        List<String> problems = new ArrayList<>();
        for (CloudEnv variable : CloudEnv.ALL) {
            variable.apply(env, b, problems);
        }
        problems.addAll(b.problems());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return b.build();
    }

    public String bucket() { return bucket; }
    public String collectionId() { return collectionId; }
    public float matchThreshold() { return matchThreshold; }
    public Duration decisionTtl() { return decisionTtl; }
    public boolean denyMultipleFaces() { return denyMultipleFaces; }
    public double minFaceFraction() { return minFaceFraction; }
    public float minSharpness() { return minSharpness; }
    public float minBrightness() { return minBrightness; }
    public String livenessMode() { return livenessMode; }
    public float minLiveness() { return minLiveness; }
    public float duplicateThreshold() { return duplicateThreshold; }
    public Duration registryFreshFor() { return registryFreshFor; }
    public float samePersonThreshold() { return samePersonThreshold; }
    /** {@code aws} or {@code engine}: whose scores the Rekognition endpoint returns. */
    public String similarity() { return similarity; }
    /** Site stranger-accept target per visit; 0: none (the fixed match threshold applies). */
    public double falseAcceptTarget() { return falseAcceptTarget; }
    /** Wrong PINs in a row that lock a badge's PIN until an admin unlocks it. */
    public int maxWrongPins() { return maxWrongPins; }
    /** Where the key that opens sealed PINs is: {@code kms:<key id or ARN>}, a PKCS#8 PEM file, or "" for none. */
    public String pinKey() { return pinKey; }
    /** Enrolled photos kept per badge; a better photo beyond it replaces the worst (lowest quality score). */
    public int maxPhotosPerBadge() { return maxPhotosPerBadge; }

    /** The defaults live here, once; {@link CloudEnv} names them for operators. */
    public static final class Builder {
        private final String bucket;
        private String collectionId = "facegate";
        private float matchThreshold = 99f;
        private Duration decisionTtl = Duration.ofSeconds(5);
        private boolean denyMultipleFaces = true;
        private double minFaceFraction = 0.10;
        private float minSharpness = 5f;
        private float minBrightness = 5f;
        private String livenessMode = "door";
        private float minLiveness = 10f;
        private float duplicateThreshold = 95f;
        private Duration registryFreshFor = Duration.ZERO;
        private float samePersonThreshold = 90f;
        private String similarity = "aws";
        private double falseAcceptTarget = 0;
        private int maxWrongPins = 5;
        private String pinKey = "";
        private int maxPhotosPerBadge = 5;

        private Builder(String bucket) {
            this.bucket = Objects.requireNonNull(bucket, "bucket");
        }

        public Builder collectionId(String id) { this.collectionId = id; return this; }
        public Builder matchThreshold(float t) { this.matchThreshold = t; return this; }
        public Builder decisionTtl(Duration ttl) { this.decisionTtl = ttl; return this; }
        public Builder denyMultipleFaces(boolean deny) { this.denyMultipleFaces = deny; return this; }
        public Builder minFaceFraction(double f) { this.minFaceFraction = f; return this; }
        public Builder duplicateThreshold(float t) { this.duplicateThreshold = t; return this; }
        public Builder registryFreshFor(Duration d) { this.registryFreshFor = d; return this; }
        public Builder samePersonThreshold(float t) { this.samePersonThreshold = t; return this; }
        /** {@code aws} or {@code engine}. */
        public Builder similarity(String s) { this.similarity = s; return this; }
        /** Stranger-accept target per visit in [0, 1); 0: none. */
        public Builder falseAcceptTarget(double t) { this.falseAcceptTarget = t; return this; }
        public Builder maxWrongPins(int n) { this.maxWrongPins = n; return this; }
        public Builder maxPhotosPerBadge(int n) { this.maxPhotosPerBadge = n; return this; }
        /** {@code kms:<key id or ARN>}, a PKCS#8 PEM private key file, or "" (no PIN can be opened). */
        public Builder pinKey(String key) { this.pinKey = key == null ? "" : key; return this; }

        /** Rekognition Quality floors 0..100 for access. */
        public Builder minSharpness(float floor) { this.minSharpness = floor; return this; }
        public Builder minBrightness(float floor) { this.minBrightness = floor; return this; }
        /** {@code door} (default), {@code local} or {@code off} (see access.LivenessCheck). */
        public Builder livenessMode(String mode) { this.livenessMode = mode; return this; }
        /** Liveness floor 0..100 when a score is available. */
        public Builder minLiveness(float floor) { this.minLiveness = floor; return this; }

        /**
         * The configuration, once every value is in range.
         *
         * @throws IllegalArgumentException naming every value out of range
         */
        public CloudConfig build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new CloudConfig(this);
        }

        private List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (matchThreshold < 0 || matchThreshold > 100) {
                problems.add("match threshold outside 0..100");
            }
            if (samePersonThreshold < 0 || samePersonThreshold > 100) {
                problems.add("same-person threshold outside 0..100");
            }
            if (!"aws".equals(similarity) && !"engine".equals(similarity)) {
                problems.add("similarity must be aws or engine");
            }
            if (!(falseAcceptTarget >= 0 && falseAcceptTarget < 1)) {
                problems.add("false-accept target outside [0, 1)");
            }
            if (maxWrongPins < 1 || maxWrongPins > 100) {
                problems.add("max wrong PINs outside 1..100");
            }
            if (maxPhotosPerBadge < 1 || maxPhotosPerBadge > 100) {
                problems.add("max photos per badge outside 1..100");
            }
            if (decisionTtl.isNegative() || decisionTtl.isZero() || decisionTtl.compareTo(Duration.ofMinutes(1)) > 0) {
                problems.add("decision TTL must be within (0, 60s]");
            }
            return problems;
        }
    }
}

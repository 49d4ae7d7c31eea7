package com.facegate.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Settings shared by the handlers, read once per container from environment variables (see {@link #fromEnv}),
 * or built with {@link #builder(String)}. Everything has a safe default (declared once, in {@link Builder})
 * except the bucket; {@link Builder#build()} reports every out-of-range value at once.
 *
 * <table>
 * <tr><td>FACEGATE_BUCKET</td><td>bucket holding captures/, enroll/, registry/, audit/, decisions/
 *     (required)</td></tr>
 * <tr><td>FACEGATE_COLLECTION_ID</td><td>Rekognition collection, default {@code facegate}</td></tr>
 * <tr><td>FACEGATE_MATCH_THRESHOLD</td><td>SearchFacesByImage FaceMatchThreshold 0..100, default 99</td></tr>
 * <tr><td>FACEGATE_SIMILARITY</td><td>whose similarity scores the Rekognition endpoint returns: {@code aws}
 *     (default; Rekognition's own, no published FAR table, so the fixed match threshold applies) or {@code engine}
 *     (FaceGate's engine behind the local endpoint: thresholds computed from its calibration table)</td></tr>
 * <tr><td>FACEGATE_FALSE_ACCEPT_TARGET</td><td>site stranger-accept target per visit, e.g. 1e-4; 0 (default)
 *     means none: the fixed match threshold. A door's own {@code falseAcceptTarget} overrides it. Used with
 *     {@code engine} similarity (see access.scale.DoorThresholds)</td></tr>
 * <tr><td>FACEGATE_DECISION_TTL_SECONDS</td><td>how long a decision may be acted on, default 5</td></tr>
 * <tr><td>FACEGATE_MULTI_FACE_DENY</td><td>deny when more than one meaningful face is in frame, default
 *     true</td></tr>
 * <tr><td>FACEGATE_MIN_FACE_FRACTION</td><td>a face is "meaningful" when its box height is at least this
 *     fraction of the frame, default 0.10</td></tr>
 * <tr><td>FACEGATE_MIN_SHARPNESS / FACEGATE_MIN_BRIGHTNESS</td><td>Rekognition Quality floor 0..100 for
 *     access, default 5 / 5</td></tr>
 * <tr><td>FACEGATE_LIVENESS</td><td>{@code off} (default; AWS DetectFaces has no liveness) or {@code local}
 *     (see access.LivenessCheck)</td></tr>
 * <tr><td>FACEGATE_MIN_LIVENESS</td><td>liveness floor 0..100 when a score is available, default 10 (the
 *     local engine's fr_liveness scores 2.6 % of real LFW faces below 10 and 8.4 % below 50; see
 *     docs/face-engine.md)</td></tr>
 * <tr><td>FACEGATE_DUPLICATE_THRESHOLD</td><td>enrollment: similarity above which a face "already belongs"
 *     to a badge, default 95</td></tr>
 * <tr><td>FACEGATE_SAME_PERSON_THRESHOLD</td><td>enrollment: a badge's second and later photos must match
 *     one of its own faces at this similarity or are rejected NOT_SAME_PERSON, default 90 (on the local
 *     engine LFW's 1-in-1000 false-accept point, 1.6 % of genuine pairs below it; the door's match threshold
 *     would refuse ordinary variation between two photos of one person)</td></tr>
 * <tr><td>FACEGATE_REGISTRY_FRESH_MILLIS</td><td>how long a registry document is trusted without
 *     revalidation, default 0 (always revalidate by ETag)</td></tr>
 * <tr><td>FACEGATE_S3_ENDPOINT, FACEGATE_REKOGNITION_ENDPOINT, FACEGATE_IOT_DATA_ENDPOINT</td><td>endpoint
 *     overrides (local stack; the IoT one is also needed in AWS: the account's iot:Data-ATS endpoint)</td></tr>
 * </table>
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
                .falseAcceptTarget(falseAcceptTarget);
    }

    public static CloudConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** The variables in the table above; every malformed or out-of-range one is reported at once. */
    public static CloudConfig fromEnv(Map<String, String> env) {
        String bucket = env.get("FACEGATE_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("FACEGATE_BUCKET is not set");
        }
        Env e = new Env(env);
        Builder b = builder(bucket);
        e.text("FACEGATE_COLLECTION_ID", b::collectionId);
        e.number("FACEGATE_MATCH_THRESHOLD", v -> b.matchThreshold((float) v));
        e.number("FACEGATE_DECISION_TTL_SECONDS", v -> b.decisionTtl(Duration.ofMillis(Math.round(1000 * v))));
        e.text("FACEGATE_MULTI_FACE_DENY", v -> b.denyMultipleFaces(Boolean.parseBoolean(v)));
        e.number("FACEGATE_MIN_FACE_FRACTION", b::minFaceFraction);
        e.number("FACEGATE_MIN_SHARPNESS", v -> b.minSharpness((float) v));
        e.number("FACEGATE_MIN_BRIGHTNESS", v -> b.minBrightness((float) v));
        e.text("FACEGATE_LIVENESS", b::livenessMode);
        e.number("FACEGATE_MIN_LIVENESS", v -> b.minLiveness((float) v));
        e.number("FACEGATE_DUPLICATE_THRESHOLD", v -> b.duplicateThreshold((float) v));
        e.number("FACEGATE_REGISTRY_FRESH_MILLIS", v -> b.registryFreshFor(Duration.ofMillis((long) v)));
        e.number("FACEGATE_SAME_PERSON_THRESHOLD", v -> b.samePersonThreshold((float) v));
        e.text("FACEGATE_SIMILARITY", b::similarity);
        e.number("FACEGATE_FALSE_ACCEPT_TARGET", b::falseAcceptTarget);
        List<String> problems = new ArrayList<>(e.problems);
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

    /** The defaults live here, once; the javadoc table above names them for operators. */
    public static final class Builder {
        private final String bucket;
        private String collectionId = "facegate";
        private float matchThreshold = 99f;
        private Duration decisionTtl = Duration.ofSeconds(5);
        private boolean denyMultipleFaces = true;
        private double minFaceFraction = 0.10;
        private float minSharpness = 5f;
        private float minBrightness = 5f;
        private String livenessMode = "off";
        private float minLiveness = 10f;
        private float duplicateThreshold = 95f;
        private Duration registryFreshFor = Duration.ZERO;
        private float samePersonThreshold = 90f;
        private String similarity = "aws";
        private double falseAcceptTarget = 0;

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

        /** Rekognition Quality floors 0..100 for access. */
        public Builder minSharpness(float floor) { this.minSharpness = floor; return this; }
        public Builder minBrightness(float floor) { this.minBrightness = floor; return this; }
        /** {@code off} or {@code local} (see access.LivenessCheck). */
        public Builder livenessMode(String mode) { this.livenessMode = mode; return this; }
        /** Liveness floor 0..100 when a score is available. */
        public Builder minLiveness(float floor) { this.minLiveness = floor; return this; }

        /** @throws IllegalArgumentException naming every value out of range */
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
            if (decisionTtl.isNegative() || decisionTtl.isZero() || decisionTtl.compareTo(Duration.ofMinutes(1)) > 0) {
                problems.add("decision TTL must be within (0, 60s]");
            }
            return problems;
        }
    }

    /** Environment variables: each one read once, a blank one meaning "the default". */
    private static final class Env {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Env(Map<String, String> env) {
            this.env = env;
        }

        void text(String name, Consumer<String> set) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                set.accept(v.trim());
            }
        }

        void number(String name, DoubleConsumer set) {
            text(name, v -> {
                try {
                    set.accept(Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    problems.add(name + " is not a number");
                }
            });
        }
    }
}

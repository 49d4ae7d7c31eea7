package com.facegate.cloud;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;

/**
 * Every environment variable the handlers read, each declared once: its name, its default, what it means and, for
 * a setting, how it sets {@link CloudConfig.Builder}. {@link CloudConfig#fromEnv} and {@link CloudClients#fromEnv}
 * read them, and cloud/README.md's table is generated from them ({@link #table()}), so the three cannot drift apart.
 * Defaults are taken from the builder's, not restated.
 */
public final class CloudEnv {
    public static final CloudEnv BUCKET = new CloudEnv("FACEGATE_BUCKET", c -> "required", null,
            "bucket holding captures/, enroll/, registry/, audit/, decisions/");
    public static final CloudEnv COLLECTION_ID = new CloudEnv("FACEGATE_COLLECTION_ID",
            CloudConfig::collectionId, text(CloudConfig.Builder::collectionId),
            "Rekognition collection");
    public static final CloudEnv MATCH_THRESHOLD = new CloudEnv("FACEGATE_MATCH_THRESHOLD",
            CloudConfig::matchThreshold, number((b, v) -> b.matchThreshold((float) v)),
            "SearchFacesByImage FaceMatchThreshold, 0..100");
    public static final CloudEnv DECISION_TTL_SECONDS = new CloudEnv("FACEGATE_DECISION_TTL_SECONDS",
            c -> c.decisionTtl().toMillis() / 1000.0,
            number((b, v) -> b.decisionTtl(Duration.ofMillis(Math.round(1000 * v)))),
            "how long a decision may be acted on, in seconds (at most 60)");
    public static final CloudEnv MULTI_FACE_DENY = new CloudEnv("FACEGATE_MULTI_FACE_DENY",
            CloudConfig::denyMultipleFaces, text((b, v) -> b.denyMultipleFaces(Boolean.parseBoolean(v))),
            "deny when more than one meaningful face is in frame");
    public static final CloudEnv MIN_FACE_FRACTION = new CloudEnv("FACEGATE_MIN_FACE_FRACTION",
            CloudConfig::minFaceFraction, number(CloudConfig.Builder::minFaceFraction),
            "a face is \"meaningful\" when its box height is at least this fraction of the frame");
    public static final CloudEnv MIN_SHARPNESS = new CloudEnv("FACEGATE_MIN_SHARPNESS",
            CloudConfig::minSharpness, number((b, v) -> b.minSharpness((float) v)),
            "Rekognition Quality sharpness floor 0..100 for access");
    public static final CloudEnv MIN_BRIGHTNESS = new CloudEnv("FACEGATE_MIN_BRIGHTNESS",
            CloudConfig::minBrightness, number((b, v) -> b.minBrightness((float) v)),
            "Rekognition Quality brightness floor 0..100 for access");
    public static final CloudEnv LIVENESS = new CloudEnv("FACEGATE_LIVENESS",
            CloudConfig::livenessMode, text(CloudConfig.Builder::livenessMode),
            "`door` (the door's score and cues from the capture's metadata, in AWS too), `local` (the local"
                    + " endpoint's texture score; the local stack's setting) or `off`; see Liveness below");
    public static final CloudEnv MIN_LIVENESS = new CloudEnv("FACEGATE_MIN_LIVENESS",
            CloudConfig::minLiveness, number((b, v) -> b.minLiveness((float) v)),
            "liveness floor 0..100 (the local engine's fr_liveness scores 2.6 % of real LFW faces below 10 and"
                    + " 8.4 % below 50; a door's failed cue caps its score at 5; see docs/face-engine.md)");
    public static final CloudEnv DUPLICATE_THRESHOLD = new CloudEnv("FACEGATE_DUPLICATE_THRESHOLD",
            CloudConfig::duplicateThreshold, number((b, v) -> b.duplicateThreshold((float) v)),
            "enrollment: similarity above which a face \"already belongs\" to a badge");
    public static final CloudEnv SAME_PERSON_THRESHOLD = new CloudEnv("FACEGATE_SAME_PERSON_THRESHOLD",
            CloudConfig::samePersonThreshold, number((b, v) -> b.samePersonThreshold((float) v)),
            "enrollment: a badge's second and later photos must match one of its own faces at this similarity or"
                    + " are rejected NOT_SAME_PERSON (on the local engine LFW's 1-in-1000 false-accept point, 1.6 %"
                    + " of genuine pairs below it; the door's match threshold would refuse ordinary variation between"
                    + " two photos of one person)");
    public static final CloudEnv REGISTRY_FRESH_MILLIS = new CloudEnv("FACEGATE_REGISTRY_FRESH_MILLIS",
            c -> c.registryFreshFor().toMillis(), number((b, v) -> b.registryFreshFor(Duration.ofMillis((long) v))),
            "how long a registry document is trusted without revalidation (0: always revalidate by ETag)");
    public static final CloudEnv SIMILARITY = new CloudEnv("FACEGATE_SIMILARITY",
            CloudConfig::similarity, text(CloudConfig.Builder::similarity),
            "whose similarity scores the Rekognition endpoint returns: `aws` (Rekognition's own, no published FAR"
                    + " table, so the fixed match threshold applies) or `engine` (FaceGate's engine behind the local"
                    + " endpoint: thresholds computed from its calibration table)");
    public static final CloudEnv FALSE_ACCEPT_TARGET = new CloudEnv("FACEGATE_FALSE_ACCEPT_TARGET",
            CloudConfig::falseAcceptTarget, number(CloudConfig.Builder::falseAcceptTarget),
            "site stranger-accept target per visit, e.g. 1e-4; 0 means none: the fixed match threshold. A door's"
                    + " own `falseAcceptTarget` overrides it. Used with `engine` similarity (see \"Operating point at"
                    + " site scale\" below)");
    public static final CloudEnv MAX_WRONG_PINS = new CloudEnv("FACEGATE_MAX_WRONG_PINS",
            CloudConfig::maxWrongPins, number((b, v) -> b.maxWrongPins((int) v)),
            "wrong PINs in a row that lock a badge's PIN (audited `PIN_LOCKED`) until `admin badge pin-unlock`");
    public static final CloudEnv MAX_PHOTOS_PER_BADGE = new CloudEnv("FACEGATE_MAX_PHOTOS_PER_BADGE",
            CloudConfig::maxPhotosPerBadge, number((b, v) -> b.maxPhotosPerBadge((int) v)),
            "enrolled photos kept per badge (1..100); a further photo that passes the checks replaces the kept one"
                    + " with the lowest quality score if it scores higher, else it is rejected"
                    + " `LOWER_QUALITY_THAN_KEPT` (audited either way)");
    public static final CloudEnv PIN_KEY = new CloudEnv("FACEGATE_PIN_KEY", c -> "none",
            text(CloudConfig.Builder::pinKey),
            "the key that opens PINs sealed by doors: `kms:<key id or ARN>` (an RSA_2048 KMS key, RSAES_OAEP_SHA_256)"
                    + " or the path of a PKCS#8 PEM RSA private key (local stack); unset: every PIN is refused"
                    + " `BAD_PIN_SEAL`");
    public static final CloudEnv S3_ENDPOINT = new CloudEnv("FACEGATE_S3_ENDPOINT", c -> "AWS's", null,
            "S3 endpoint override (local stack), addressed path-style");
    public static final CloudEnv REKOGNITION_ENDPOINT = new CloudEnv("FACEGATE_REKOGNITION_ENDPOINT",
            c -> "AWS's", null, "Rekognition endpoint override (local stack)");
    public static final CloudEnv IOT_DATA_ENDPOINT = new CloudEnv("FACEGATE_IOT_DATA_ENDPOINT", c -> "AWS's", null,
            "IoT data endpoint; needed in AWS too: the account's iot:Data-ATS endpoint");
    public static final CloudEnv AWS_REGION = new CloudEnv("AWS_REGION",
            c -> "`AWS_DEFAULT_REGION`, else us-east-1", null, "region of every client (Lambda sets it)");

    /** Every variable, in the README table's order. */
    public static final List<CloudEnv> ALL = List.of(BUCKET, COLLECTION_ID, MATCH_THRESHOLD, DECISION_TTL_SECONDS,
            MULTI_FACE_DENY, MIN_FACE_FRACTION, MIN_SHARPNESS, MIN_BRIGHTNESS, LIVENESS, MIN_LIVENESS,
            DUPLICATE_THRESHOLD, SAME_PERSON_THRESHOLD, REGISTRY_FRESH_MILLIS, SIMILARITY, FALSE_ACCEPT_TARGET,
            MAX_WRONG_PINS, MAX_PHOTOS_PER_BADGE, PIN_KEY, S3_ENDPOINT, REKOGNITION_ENDPOINT, IOT_DATA_ENDPOINT,
            AWS_REGION);

    public static final String TABLE_BEGIN = "<!-- cloud-env:begin (generated from CloudEnv) -->";
    public static final String TABLE_END = "<!-- cloud-env:end -->";

    /** Sets the builder from the variable's trimmed text, or adds a problem naming the variable. */
    @FunctionalInterface
    private interface Setter {
        void set(CloudConfig.Builder b, String variable, String text, List<String> problems);
    }

    private final String variable;
    private final Function<CloudConfig, Object> fallback;
    private final Setter setter;
    private final String doc;

    private CloudEnv(String variable, Function<CloudConfig, Object> fallback, Setter setter, String doc) {
        this.variable = variable;
        this.fallback = fallback;
        this.setter = setter;
        this.doc = doc;
    }

    public String variable() {
        return variable;
    }

    @Override
    public String toString() {
        return variable;
    }

    /** The variable's trimmed value; null when unset or blank (blank means "the default"). */
    public String in(Map<String, String> env) {
        String v = env.get(variable);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Sets {@code b} from {@code env} when this is a setting and the variable is set. */
    void apply(Map<String, String> env, CloudConfig.Builder b, List<String> problems) {
        String v = in(env);
        if (setter != null && v != null) {
            setter.set(b, variable, v, problems);
        }
    }

    /** The Markdown table of every variable: name, default, meaning. */
    public static String table() {
        CloudConfig defaults = CloudConfig.defaults("bucket");
        StringBuilder out = new StringBuilder(TABLE_BEGIN).append('\n')
                .append("| variable | default | meaning |\n|---|---|---|\n");
        for (CloudEnv v : ALL) {
            out.append("| `").append(v.variable).append("` | ").append(plain(v.fallback.apply(defaults)))
                    .append(" | ").append(v.doc).append(" |\n");
        }
        return out.append(TABLE_END).append('\n').toString();
    }

    /** 99.0 as 99, 0.10 as 0.1: numbers as an operator would write them. */
    private static String plain(Object value) {
        return value instanceof Number ? new BigDecimal(value.toString()).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    private static Setter text(BiConsumer<CloudConfig.Builder, String> set) {
        return (b, variable, text, problems) -> set.accept(b, text);
    }

    private static Setter number(ObjDoubleConsumer<CloudConfig.Builder> set) {
        return (b, variable, text, problems) -> {
            try {
                set.accept(b, Double.parseDouble(text));
            } catch (NumberFormatException e) {
                problems.add(variable + " is not a number");
            }
        };
    }
}

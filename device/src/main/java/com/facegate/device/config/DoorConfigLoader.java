package com.facegate.device.config;

import com.facegate.device.config.DoorConfig.OfflinePolicy;
import com.facegate.protocol.DoorIds;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the door's one properties file and validates it, collecting every problem before failing (an installer
 * fixing a Pi over SSH wants the whole list, not one error per restart). Relative paths resolve against the file.
 */
public final class DoorConfigLoader {
    private static final Set<String> SOURCES = Set.of("v4l2", "rtsp", "video", "folder");
    /** AWS IoT role alias names: letters, digits and = , . @ - _, at most 128 characters. */
    private static final Pattern ROLE_ALIAS = Pattern.compile("[A-Za-z0-9_=,.@-]{1,128}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

    private final Properties p;
    private final Path base;
    private final List<String> problems = new ArrayList<>();

    private DoorConfigLoader(Properties p, Path base) {
        this.p = p;
        this.base = base;
    }

    public static DoorConfig load(Path file) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config " + file + ": " + e.getMessage()));
        }
        Path dir = file.toAbsolutePath().getParent();
        // "bundle.properties=door.properties": the provisioning bundle's settings, overridden by this file.
        String bundle = p.getProperty("bundle.properties");
        if (bundle != null && !bundle.isBlank()) {
            Properties merged = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve(bundle.trim()), StandardCharsets.UTF_8)) {
                merged.load(r);
            } catch (IOException e) {
                throw new ConfigException(List.of("cannot read bundle.properties " + bundle + ": " + e.getMessage()));
            }
            merged.putAll(p);
            p = merged;
        }
        return from(p, dir);
    }

    public static DoorConfig from(Properties p, Path base) throws ConfigException {
        return new DoorConfigLoader(p, base).build();
    }

    private DoorConfig build() throws ConfigException {
        String doorId = str("door.id", null);
        if (doorId == null || !DoorIds.isValid(doorId)) {
            problems.add("door.id missing or invalid (letters, digits, space, . _ : -)");
        }
        Path bundle = path("bundle.dir", null, false);
        Path cert = path("mqtt.cert", bundle == null ? null : bundle.resolve("door.crt").toString(), true);
        Path key = path("mqtt.key", bundle == null ? null : bundle.resolve("door.key").toString(), true);
        Path ca = path("mqtt.ca", bundle == null ? null : bundle.resolve("ca.crt").toString(), true);
        int reconnectMin = integer("mqtt.reconnectMinSecs", 1, 1, 3600);
        int reconnectMax = integer("mqtt.reconnectMaxSecs", 64, 1, 3600);
        if (reconnectMax < reconnectMin) {
            problems.add("mqtt.reconnectMaxSecs must be >= mqtt.reconnectMinSecs");
        }
        DoorConfig.Mqtt mqtt = new DoorConfig.Mqtt(required("mqtt.host"), integer("mqtt.port", 8883, 1, 65535),
                cert, key, ca, integer("mqtt.keepAliveSecs", 30, 5, 1200), reconnectMin, reconnectMax);

        URI endpoint = null;
        String ep = str("s3.endpoint", null);
        if (ep != null) {
            try {
                endpoint = URI.create(ep);
                if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                    problems.add("s3.endpoint must be an absolute http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add("s3.endpoint is not a URL");
            }
        }
        String accessKey = str("s3.accessKeyId", null);
        String secret = str("s3.secretAccessKey", null);
        if ((accessKey == null) != (secret == null)) {
            problems.add("s3.accessKeyId and s3.secretAccessKey must be given together");
        }
        Path s3Ca = path("s3.ca", ca == null ? null : ca.toString(), false);
        URI credentialsEndpoint = credentialsEndpoint(str("s3.credentialsEndpoint", null));
        String roleAlias = str("s3.roleAlias", null);
        if (roleAlias != null && !ROLE_ALIAS.matcher(roleAlias).matches()) {
            problems.add("s3.roleAlias must be 1-128 letters, digits and = , . @ - _ (got '" + roleAlias + "')");
        }
        // Explicit, or: iot when a credentials endpoint is given, static when keys are, else the default chain.
        DoorConfig.Credentials mode = str("s3.credentialsEndpoint", null) != null
                ? DoorConfig.Credentials.IOT
                : accessKey != null ? DoorConfig.Credentials.STATIC : DoorConfig.Credentials.DEFAULT;
        if (str("s3.credentials", null) != null) {
            mode = enumValue("s3.credentials", mode);
        }
        DoorConfig.IotCredentials iot = null;
        if (mode == DoorConfig.Credentials.IOT) {
            if (str("s3.credentialsEndpoint", null) == null) {
                problems.add("s3.credentials=iot needs s3.credentialsEndpoint (aws iot describe-endpoint"
                        + " --endpoint-type iot:CredentialProvider)");
            }
            if (roleAlias == null) {
                problems.add("s3.credentials=iot needs s3.roleAlias (the stack output DoorUploadRoleAlias)");
            }
            iot = new DoorConfig.IotCredentials(credentialsEndpoint, roleAlias, doorId, cert, key, ca);
        } else if (mode == DoorConfig.Credentials.STATIC && accessKey == null) {
            problems.add("s3.credentials=static needs s3.accessKeyId and s3.secretAccessKey");
        }
        DoorConfig.S3 s3 = new DoorConfig.S3(endpoint, str("s3.region", "us-east-1"), required("s3.bucket"), mode,
                accessKey, secret, s3Ca, iot);

        String source = str("capture.source", "v4l2").toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(source)) {
            problems.add("capture.source must be one of " + SOURCES);
        }
        DoorConfig.Capture capture = new DoorConfig.Capture(source, str("capture.location", "/dev/video0"),
                integer("capture.width", 1280, 16, 8192), integer("capture.height", 720, 16, 8192),
                integer("capture.fps", 15, 1, 120), bool("capture.loop", false));

        Duration idle = duration("gate.idleInterval", "1s");
        Duration active = duration("gate.activeInterval", "100ms");
        DoorConfig.Gate gate = new DoorConfig.Gate(idle, active, duration("gate.bestFrameWindow", "600ms"),
                duration("gate.cooldown", "10s"), (float) decimal("gate.cooldownCosine", 0.6, 0, 1),
                (float) decimal("gate.minFaceFraction", 0.01, 0, 1), integer("gate.jpegQuality", 90, 30, 100));

        Duration pulse = duration("door.unlockPulse", "3s");
        Duration maxPulse = duration("door.maxPulse", "10s");
        if (pulse != null && maxPulse != null && pulse.compareTo(maxPulse) > 0) {
            problems.add("door.unlockPulse must not exceed door.maxPulse");
        }
        DoorConfig.Door door = new DoorConfig.Door(integer("door.relayPin", 17, 0, 63),
                bool("door.relayActiveHigh", true), pulse, maxPulse, integer("door.contactPin", 27, -1, 63),
                bool("door.contactOpenHigh", true), integer("door.exitButtonPin", -1, -1, 63),
                duration("door.heldOpenAfter", "60s"), duration("door.authorizedOpenWindow", "15s"),
                pull("door.contactPull", DoorConfig.Pull.UP, DoorConfig.Pull.values()),
                pull("door.exitButtonPull", DoorConfig.Pull.UP, DoorConfig.Pull.UP, DoorConfig.Pull.NONE));

        DoorConfig.Decisions decisions = new DoorConfig.Decisions(duration("decision.deadline", "8s"),
                duration("decision.clockSkew", "2s"), integer("decision.rememberIds", 10_000, 100, 1_000_000));

        long segment = integer("journal.segmentBytes", 1 << 20, 4096, 1 << 30);
        long max = longValue("journal.maxBytes", 64L << 20, 8192, 1L << 40);
        if (max < 2 * segment) {
            problems.add("journal.maxBytes must be at least two segments");
        }
        DoorConfig.Journal journal = new DoorConfig.Journal(segment, max,
                decimal("journal.nearFullRatio", 0.8, 0.1, 0.99));

        OfflinePolicy policy = enumValue("offline.policy", OfflinePolicy.DENY_ALL);
        String galleryKey = str("offline.galleryKeyBase64", null);
        if (galleryKey != null) {
            try {
                if (Base64.getDecoder().decode(galleryKey).length != 32) {
                    problems.add("offline.galleryKeyBase64 must be 32 bytes (AES-256)");
                }
            } catch (IllegalArgumentException e) {
                problems.add("offline.galleryKeyBase64 is not base64");
            }
        } else if (policy == OfflinePolicy.LOCAL_MATCH) {
            problems.add("offline.policy=LOCAL_MATCH needs offline.galleryKeyBase64");
        }
        DoorConfig.Offline offline = new DoorConfig.Offline(policy, duration("offline.after", "30s"),
                integer("offline.missedDecisions", 3, 1, 100),
                (float) decimal("offline.minSimilarity", 99.5, 50, 100),
                str("offline.galleryObject", doorId == null ? "galleries/door.bin" : "galleries/" + doorId + ".bin"),
                galleryKey);

        Path state = path("state.dir", "state", false);
        DoorConfig cfg = new DoorConfig(doorId, mqtt, s3, capture, gate, door, decisions, journal, offline, state,
                duration("status.interval", "60s"), duration("watchdog.interval", "10s"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return cfg;
    }

    /** Keys as the local stack's provisioning bundle (door.properties) writes them. */
    private static final java.util.Map<String, String> ALIASES = java.util.Map.of(
            "mqtt.cert", "mqtt.certificate", "mqtt.key", "mqtt.privateKey", "mqtt.ca", "ca.path",
            "s3.region", "region");

    /** "host", "host:port" or "https://host[:port]" (the credentials provider is only ever spoken over TLS). */
    private URI credentialsEndpoint(String v) {
        if (v == null) {
            return null;
        }
        String key = "s3.credentialsEndpoint";
        if (!v.contains("://")) {
            if (!HOST.matcher(v).matches()) {
                problems.add(key + " must be a host name or an https:// URL (got '" + v + "')");
                return null;
            }
            v = "https://" + v;
        }
        try {
            URI u = new URI(v);
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !"/".equals(u.getRawPath()))
                    || u.getRawQuery() != null || u.getRawUserInfo() != null) {
                problems.add(key + " must be a host name or an https:// URL without path (got '" + v + "')");
                return null;
            }
            return URI.create("https://" + u.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            problems.add(key + " must be a host name or an https:// URL (got '" + v + "')");
            return null;
        }
    }

    private String str(String key, String def) {
        String v = p.getProperty(key);
        if ((v == null || v.isBlank()) && ALIASES.containsKey(key)) {
            v = p.getProperty(ALIASES.get(key));
        }
        return v == null || v.isBlank() ? def : v.trim();
    }

    private String required(String key) {
        String v = str(key, null);
        if (v == null) {
            problems.add(key + " missing");
        }
        return v;
    }

    private Path path(String key, String def, boolean mustExist) {
        String v = str(key, def);
        if (v == null) {
            if (mustExist) {
                problems.add(key + " missing");
            }
            return null;
        }
        Path path = base == null ? Path.of(v) : base.resolve(v);
        if (mustExist && !Files.isReadable(path)) {
            problems.add(key + " not readable: " + path);
        }
        return path.toAbsolutePath();
    }

    private <T> T parse(String key, String def, Function<String, T> f, String expect) {
        String v = str(key, def);
        try {
            return f.apply(v);
        } catch (RuntimeException e) {
            problems.add(key + " must be " + expect + " (got '" + v + "')");
            return null;
        }
    }

    private int integer(String key, int def, int min, int max) {
        Integer v = parse(key, Integer.toString(def), Integer::parseInt, "an integer");
        if (v != null && (v < min || v > max)) {
            problems.add(key + " must be in " + min + ".." + max);
        }
        return v == null ? def : v;
    }

    private long longValue(String key, long def, long min, long max) {
        Long v = parse(key, Long.toString(def), Long::parseLong, "an integer");
        if (v != null && (v < min || v > max)) {
            problems.add(key + " must be in " + min + ".." + max);
        }
        return v == null ? def : v;
    }

    private double decimal(String key, double def, double min, double max) {
        Double v = parse(key, Double.toString(def), Double::parseDouble, "a number");
        if (v != null && (v.isNaN() || v < min || v > max)) {
            problems.add(key + " must be in " + min + ".." + max);
        }
        return v == null ? def : v;
    }

    private boolean bool(String key, boolean def) {
        String v = str(key, Boolean.toString(def));
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            problems.add(key + " must be true or false");
            return def;
        }
        return Boolean.parseBoolean(v);
    }

    private <E extends Enum<E>> E enumValue(String key, E def) {
        String v = str(key, def.name());
        try {
            return Enum.valueOf(def.getDeclaringClass(), v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add(key + " must be one of " + java.util.Arrays.toString(def.getDeclaringClass().getEnumConstants()));
            return def;
        }
    }

    /** "up", "down" or "none" (case-insensitive), limited to the pulls that make sense for that input. */
    private DoorConfig.Pull pull(String key, DoorConfig.Pull def, DoorConfig.Pull... allowed) {
        String v = str(key, def.name());
        List<String> names = java.util.Arrays.stream(allowed).map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
        if (!names.contains(v.toLowerCase(Locale.ROOT))) {
            problems.add(key + " must be " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                    + names.get(names.size() - 1) + " (got '" + v + "')");
            return def;
        }
        return DoorConfig.Pull.valueOf(v.toUpperCase(Locale.ROOT));
    }

    private Duration duration(String key, String def) {
        Duration d = parse(key, def, DoorConfigLoader::parseDuration, "a duration like 8s, 500ms or PT1M");
        if (d != null && (d.isNegative() || d.isZero())) {
            problems.add(key + " must be positive");
        }
        return d;
    }

    /** "500ms", "8s", "2m", "1h" or ISO-8601 ("PT8S"). */
    public static Duration parseDuration(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            if (v.endsWith("m") && !v.startsWith("p")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("h") && !v.startsWith("p")) {
                return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.parse(s.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("bad duration", e);
        }
    }
}

package com.facegate.device.config;

import static com.facegate.device.config.DoorConfigKeys.*;

import com.facegate.device.config.DoorConfig.Credentials;
import com.facegate.device.config.DoorConfig.OfflinePolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the door's one properties file and validates it against {@link DoorConfigKeys}, collecting every problem
 * before failing (an installer fixing a Pi over SSH wants the whole list, not one error per restart). Keys it
 * does not know are logged as warnings: a mistyped key would otherwise be silently ignored. Relative paths
 * resolve against the file.
 */
public final class DoorConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DoorConfigLoader.class);

    private final Properties p;
    private final Path base;
    private final List<String> problems = new ArrayList<>();
    private final Map<DoorSetting<?>, Object> values = new HashMap<>();

    private DoorConfigLoader(Properties p, Path base) {
        this.p = p;
        this.base = base;
    }

    public static DoorConfig load(Path file) throws ConfigException {
        Properties p = read(file, "config " + file);
        Path dir = file.toAbsolutePath().getParent();
        // "bundle.properties=door.properties": the provisioning bundle's settings, overridden by this file.
        String bundle = p.getProperty(BUNDLE_PROPERTIES.key());
        if (bundle != null && !bundle.isBlank()) {
            Properties merged = read(dir.resolve(bundle.trim()), "bundle.properties " + bundle);
            merged.putAll(p);
            p = merged;
        }
        return from(p, dir);
    }

    public static DoorConfig from(Properties p, Path base) throws ConfigException {
        for (String key : unknownKeys(p)) {
            String near = closestKey(key);
            LOG.warn("unknown key in door config, ignored: key={}{}", key,
                    near == null ? "" : " (did you mean " + near + "?)");
        }
        return new DoorConfigLoader(p, base).build();
    }

    /** Keys in {@code p} that no setting reads (neither a declared key, a bundle alias nor a retired key). */
    public static List<String> unknownKeys(Properties p) {
        List<String> known = new ArrayList<>();
        for (DoorSetting<?> s : ALL) {
            known.add(s.key());
            if (s.alias() != null) {
                known.add(s.alias());
            }
        }
        return p.stringPropertyNames().stream().filter(k -> !known.contains(k) && !RETIRED.contains(k)).sorted()
                .toList();
    }

    private DoorConfig build() throws ConfigException {
        ALL.forEach(this::read);
        crossChecks();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String doorId = get(DOOR_ID);
        Credentials mode = get(S3_CREDENTIALS);
        DoorConfig.IotCredentials iot = mode != Credentials.IOT ? null : new DoorConfig.IotCredentials(
                get(S3_CREDENTIALS_ENDPOINT), get(S3_ROLE_ALIAS), doorId, get(MQTT_CERT), get(MQTT_KEY),
                get(MQTT_CA));
        return new DoorConfig(doorId,
                new DoorConfig.Mqtt(get(MQTT_HOST), get(MQTT_PORT), get(MQTT_CERT), get(MQTT_KEY), get(MQTT_CA),
                        get(MQTT_KEEP_ALIVE), get(MQTT_RECONNECT_MIN), get(MQTT_RECONNECT_MAX)),
                new DoorConfig.S3(get(S3_ENDPOINT), get(S3_REGION), get(S3_BUCKET), mode, get(S3_ACCESS_KEY_ID),
                        get(S3_SECRET_ACCESS_KEY), get(S3_CA), iot),
                new DoorConfig.Capture(get(CAPTURE_SOURCE), get(CAPTURE_LOCATION), get(CAPTURE_WIDTH),
                        get(CAPTURE_HEIGHT), get(CAPTURE_FPS), get(CAPTURE_LOOP)),
                new DoorConfig.Gate(get(GATE_IDLE), get(GATE_ACTIVE), get(GATE_WINDOW), get(GATE_COOLDOWN),
                        get(GATE_COOLDOWN_COSINE).floatValue(), get(GATE_MIN_FACE).floatValue(),
                        get(GATE_JPEG_QUALITY)),
                new DoorConfig.Door(
                        new DoorConfig.Lock(get(RELAY_PIN), get(RELAY_ACTIVE_HIGH), get(UNLOCK_PULSE), get(MAX_PULSE)),
                        new DoorConfig.Input(get(CONTACT_PIN), get(CONTACT_OPEN_HIGH), get(CONTACT_PULL)),
                        // The exit button is wired to ground: pressed reads low.
                        new DoorConfig.Input(get(EXIT_BUTTON_PIN), false, get(EXIT_BUTTON_PULL)),
                        get(HELD_OPEN_AFTER), get(AUTHORIZED_OPEN_WINDOW)),
                new DoorConfig.Decisions(get(DECISION_DEADLINE), get(CLOCK_SKEW), get(REMEMBER_IDS)),
                new DoorConfig.Journal(get(SEGMENT_BYTES), get(MAX_BYTES), get(NEAR_FULL_RATIO)),
                new DoorConfig.Offline(get(OFFLINE_POLICY), get(OFFLINE_AFTER), get(MISSED_DECISIONS),
                        get(MIN_SIMILARITY).floatValue(), get(GALLERY_OBJECT), get(GALLERY_KEY_BASE64),
                        get(GALLERY_REFRESH)),
                get(STATE_DIR),
                new DoorConfig.Health(get(STATUS_INTERVAL), get(WATCHDOG_INTERVAL), get(DISK_MIN_FREE),
                        get(DISK_CHECK_INTERVAL)),
                ReaderSettings.readers(this::get));
    }

    /** Rules joining several keys; a key that is itself invalid (null here) was already reported. */
    private void crossChecks() {
        Integer reconnectMin = get(MQTT_RECONNECT_MIN);
        Integer reconnectMax = get(MQTT_RECONNECT_MAX);
        if (reconnectMin != null && reconnectMax != null && reconnectMax < reconnectMin) {
            problems.add("mqtt.reconnectMaxSecs must be >= mqtt.reconnectMinSecs");
        }
        if ((text(S3_ACCESS_KEY_ID) == null) != (text(S3_SECRET_ACCESS_KEY) == null)) {
            problems.add("s3.accessKeyId and s3.secretAccessKey must be given together");
        }
        Credentials mode = get(S3_CREDENTIALS);
        if (mode == Credentials.IOT) {
            if (text(S3_CREDENTIALS_ENDPOINT) == null) {
                problems.add("s3.credentials=iot needs s3.credentialsEndpoint (aws iot describe-endpoint"
                        + " --endpoint-type iot:CredentialProvider)");
            }
            if (text(S3_ROLE_ALIAS) == null) {
                problems.add("s3.credentials=iot needs s3.roleAlias (the stack output DoorUploadRoleAlias)");
            }
        } else if (mode == Credentials.STATIC && text(S3_ACCESS_KEY_ID) == null) {
            problems.add("s3.credentials=static needs s3.accessKeyId and s3.secretAccessKey");
        }
        Duration pulse = get(UNLOCK_PULSE);
        Duration maxPulse = get(MAX_PULSE);
        if (pulse != null && maxPulse != null && pulse.compareTo(maxPulse) > 0) {
            problems.add("door.unlockPulse must not exceed door.maxPulse");
        }
        Integer segment = get(SEGMENT_BYTES);
        Long max = get(MAX_BYTES);
        if (segment != null && max != null && max < 2L * segment) {
            problems.add("journal.maxBytes must be at least two segments");
        }
        if (text(GALLERY_KEY_BASE64) == null && get(OFFLINE_POLICY) == OfflinePolicy.LOCAL_MATCH) {
            problems.add("offline.policy=LOCAL_MATCH needs offline.galleryKeyBase64");
        }
        ReaderSettings.check(this::get, problems);
    }

    /** Parses one key (file, else default) into {@link #values}, or adds its problem and leaves it null. */
    private <T> void read(DoorSetting<T> s) {
        String v = s.textOrDefault(this::text);
        if (v == null) {
            if (s.isRequired()) {
                problems.add(s.key() + " missing");
            }
            return;
        }
        try {
            values.put(s, s.parse(v, base));
        } catch (DoorSetting.Invalid e) {
            problems.add(s.key() + " " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked") // values holds each setting's own type
    private <T> T get(DoorSetting<T> s) {
        return (T) values.get(s);
    }

    /** The file's text for a key (or its bundle alias), trimmed; blank counts as absent. */
    private String text(DoorSetting<?> s) {
        String v = p.getProperty(s.key());
        if ((v == null || v.isBlank()) && s.alias() != null) {
            v = p.getProperty(s.alias());
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Properties read(Path file, String what) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read " + what + ": " + e.getMessage()));
        }
        return p;
    }

    /** A declared key differing only in case or by at most two letters: the likely intent of a typo. */
    static String closestKey(String typo) {
        String best = null;
        int bestDistance = 3;
        for (DoorSetting<?> s : ALL) {
            int d = distance(typo.toLowerCase(Locale.ROOT), s.key().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = s.key();
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
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

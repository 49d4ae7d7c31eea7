package com.facegate.device.config;

import static com.facegate.device.config.DoorSetting.Section.CAPTURE;
import static com.facegate.device.config.DoorSetting.Section.DECISIONS;
import static com.facegate.device.config.DoorSetting.Section.DOOR;
import static com.facegate.device.config.DoorSetting.Section.GATE;
import static com.facegate.device.config.DoorSetting.Section.HEALTH;
import static com.facegate.device.config.DoorSetting.Section.IDENTITY;
import static com.facegate.device.config.DoorSetting.Section.JOURNAL;
import static com.facegate.device.config.DoorSetting.Section.MQTT;
import static com.facegate.device.config.DoorSetting.Section.READERS;
import static com.facegate.device.config.DoorSetting.Section.S3;

import com.facegate.device.config.DoorConfig.Credentials;
import com.facegate.device.config.DoorConfig.OfflinePolicy;
import com.facegate.device.config.DoorConfig.Pull;
import com.facegate.device.config.DoorConfig.ReaderType;
import com.facegate.protocol.DoorIds;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every key of door.properties, each declared once: name, default, accepted values and meaning. The list's
 * order is the template's. Rules that join several keys (pulse within its cap, credentials that go together)
 * are in {@link DoorConfigLoader}.
 */
public final class DoorConfigKeys {
    private DoorConfigKeys() {}

    /** AWS IoT role alias names: letters, digits and = , . @ - _, at most 128 characters. */
    private static final Pattern ROLE_ALIAS = Pattern.compile("[A-Za-z0-9_=,.@-]{1,128}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");
    private static final List<String> SOURCES = List.of("v4l2", "rtsp", "video", "folder");

    // --- Identity --------------------------------------------------------------------------------------------
    public static final DoorSetting<String> DOOR_ID = DoorSetting.custom(IDENTITY, "door.id", null,
            "letters, digits, space, . _ : -", (v, base) -> {
                if (!DoorIds.isValid(v)) {
                    throw new DoorSetting.Invalid("invalid (letters, digits, space, . _ : -)");
                }
                return v;
            }).required()
            .doc("The door id = the AWS IoT thing name (letters, digits, _ : - ; no spaces or dots in AWS).");

    // --- MQTT ------------------------------------------------------------------------------------------------
    public static final DoorSetting<String> MQTT_HOST = DoorSetting.text(MQTT, "mqtt.host", null).required()
            .doc("aws iot describe-endpoint --endpoint-type iot:Data-ATS"
                    + " (e.g. abc123-ats.iot.eu-west-1.amazonaws.com).");
    public static final DoorSetting<Integer> MQTT_PORT = DoorSetting.integer(MQTT, "mqtt.port", 8883, 1, 65535)
            .doc("The broker's TLS port.");
    public static final DoorSetting<Path> BUNDLE_DIR = DoorSetting.path(MQTT, "bundle.dir", null)
            .template("/etc/facegate/certs")
            .doc("Folder with door.crt (certificate), door.key (private key) and ca.crt (Amazon Root CA 1 or the"
                    + " local CA).");
    public static final DoorSetting<String> BUNDLE_PROPERTIES = DoorSetting.text(MQTT, "bundle.properties", null)
            .commented("/etc/facegate/certs/door.properties")
            .doc("A provisioning bundle's door.properties to read first; anything set in this file overrides it.");
    public static final DoorSetting<Path> MQTT_CERT = DoorSetting.readableFile(MQTT, "mqtt.cert").required()
            .alias("mqtt.certificate").commented("/etc/facegate/certs/door.crt")
            .derived("bundle.dir/door.crt", f -> inBundle(f, "door.crt"))
            .doc("The door's certificate, if not bundle.dir/door.crt.");
    public static final DoorSetting<Path> MQTT_KEY = DoorSetting.readableFile(MQTT, "mqtt.key").required()
            .alias("mqtt.privateKey").commented("/etc/facegate/certs/door.key")
            .derived("bundle.dir/door.key", f -> inBundle(f, "door.key"))
            .doc("The door's private key, if not bundle.dir/door.key.");
    public static final DoorSetting<Path> MQTT_CA = DoorSetting.readableFile(MQTT, "mqtt.ca").required()
            .alias("ca.path").commented("/etc/facegate/certs/ca.crt")
            .derived("bundle.dir/ca.crt", f -> inBundle(f, "ca.crt"))
            .doc("The CA the broker's certificate must chain to, if not bundle.dir/ca.crt.");
    public static final DoorSetting<Integer> MQTT_KEEP_ALIVE = DoorSetting.integer(MQTT, "mqtt.keepAliveSecs", 30,
            5, 1200).doc("MQTT keep-alive in seconds.");
    public static final DoorSetting<Integer> MQTT_RECONNECT_MIN = DoorSetting.integer(MQTT,
            "mqtt.reconnectMinSecs", 1, 1, 3600).doc("The SDK's first reconnect delay in seconds.");
    public static final DoorSetting<Integer> MQTT_RECONNECT_MAX = DoorSetting.integer(MQTT,
            "mqtt.reconnectMaxSecs", 64, 1, 3600)
            .doc("The longest reconnect delay in seconds (at least mqtt.reconnectMinSecs).");

    // --- S3 --------------------------------------------------------------------------------------------------
    public static final DoorSetting<String> S3_BUCKET = DoorSetting.text(S3, "s3.bucket", null).required()
            .doc("The captures bucket from the stack outputs.");
    public static final DoorSetting<String> S3_REGION = DoorSetting.text(S3, "s3.region", "us-east-1")
            .alias("region").template("").doc("The bucket's region.");
    public static final DoorSetting<URI> S3_ENDPOINT = DoorSetting.custom(S3, "s3.endpoint", null,
            "http(s) URL", DoorConfigKeys::endpoint).commented("")
            .doc("Only for the local stack: its S3 endpoint (https://host:port). Leave empty for AWS.");
    public static final DoorSetting<Credentials> S3_CREDENTIALS = DoorSetting.oneOf(S3, "s3.credentials",
                    Credentials.DEFAULT)
            .derived("iot if s3.credentialsEndpoint is set, else static if the keys are, else default",
                    f -> f.text(DoorConfigKeys.S3_CREDENTIALS_ENDPOINT) != null ? "iot"
                            : f.text(DoorConfigKeys.S3_ACCESS_KEY_ID) != null ? "static" : "default")
            .doc("Where the door's upload credentials come from:\n"
                    + "  iot     - the AWS IoT credentials provider: the door exchanges its certificate (mqtt.cert/"
                    + "mqtt.key, trusting mqtt.ca) for short-lived keys of the stack's upload role, which may only"
                    + " write captures/<door.id>/. Needs s3.credentialsEndpoint and s3.roleAlias. Recommended on"
                    + " AWS; the local stack's bundles use it.\n"
                    + "  static  - the keys s3.accessKeyId / s3.secretAccessKey below.\n"
                    + "  default - the AWS default credential chain (environment, ~/.aws of the facegate user, ...).\n"
                    + "Empty: iot when s3.credentialsEndpoint is set, else static when the keys are set, else"
                    + " default.");
    public static final DoorSetting<URI> S3_CREDENTIALS_ENDPOINT = DoorSetting.custom(S3,
            "s3.credentialsEndpoint", null, "host name or https:// URL", DoorConfigKeys::credentialsEndpoint)
            .doc("AWS: the output of \"aws iot describe-endpoint --endpoint-type iot:CredentialProvider\" (a host"
                    + " name such as c1a2b3d4e5f6g7.credentials.iot.eu-west-1.amazonaws.com, or an https:// URL).");
    public static final DoorSetting<String> S3_ROLE_ALIAS = DoorSetting.custom(S3, "s3.roleAlias", null,
            "1-128 of A-Z a-z 0-9 = , . @ - _", (v, base) -> {
                if (!ROLE_ALIAS.matcher(v).matches()) {
                    throw new DoorSetting.Invalid("must be 1-128 letters, digits and = , . @ - _ (got '" + v + "')");
                }
                return v;
            }).doc("AWS: the stack output DoorUploadRoleAlias (facegate-door-upload-<stack name>).");
    public static final DoorSetting<String> S3_ACCESS_KEY_ID = DoorSetting.text(S3, "s3.accessKeyId", null)
            .commented("").doc("Static keys for the door's upload identity (s3.credentials=static). Set both or"
                    + " neither.");
    public static final DoorSetting<String> S3_SECRET_ACCESS_KEY = DoorSetting.text(S3, "s3.secretAccessKey",
            null).commented("").doc("The secret of s3.accessKeyId; never logged.");
    public static final DoorSetting<Path> S3_CA = DoorSetting.path(S3, "s3.ca", null)
            .derived("mqtt.ca", f -> MQTT_CA.textOrDefault(f)).commented("/etc/facegate/certs/ca.crt")
            .doc("CA for the S3 endpoint and the credentials provider, if not the MQTT one.");

    // --- Camera ----------------------------------------------------------------------------------------------
    public static final DoorSetting<String> CAPTURE_SOURCE = DoorSetting.custom(CAPTURE, "capture.source", "v4l2",
            String.join(", ", SOURCES), (v, base) -> {
                String s = v.toLowerCase(Locale.ROOT);
                if (!SOURCES.contains(s)) {
                    throw new DoorSetting.Invalid("must be one of " + SOURCES);
                }
                return s;
            }).doc("v4l2 (camera device), rtsp (IP camera URL), video (file) or folder (images; demos only).");
    public static final DoorSetting<String> CAPTURE_LOCATION = DoorSetting.text(CAPTURE, "capture.location",
            "/dev/video0").doc("The camera device, URL, video file or image folder.");
    public static final DoorSetting<Integer> CAPTURE_WIDTH = DoorSetting.integer(CAPTURE, "capture.width", 1280,
            16, 8192).doc("Requested frame width in pixels.");
    public static final DoorSetting<Integer> CAPTURE_HEIGHT = DoorSetting.integer(CAPTURE, "capture.height", 720,
            16, 8192).doc("Requested frame height in pixels.");
    public static final DoorSetting<Integer> CAPTURE_FPS = DoorSetting.integer(CAPTURE, "capture.fps", 15, 1, 120)
            .doc("Requested frames per second.");
    public static final DoorSetting<Boolean> CAPTURE_LOOP = DoorSetting.flag(CAPTURE, "capture.loop", false)
            .commented("false").doc("Start a video file or image folder again at its end (demos).");

    // --- Face gate -------------------------------------------------------------------------------------------
    public static final DoorSetting<Duration> GATE_IDLE = DoorSetting.duration(GATE,
            "gate.idleInterval", "1s").commented("1s").doc("How often a frame is checked while nobody is there.");
    public static final DoorSetting<Duration> GATE_ACTIVE = DoorSetting.duration(GATE,
            "gate.activeInterval", "100ms").commented("100ms").doc("How often while a face is around.");
    public static final DoorSetting<Duration> GATE_WINDOW = DoorSetting.duration(GATE,
            "gate.bestFrameWindow", "600ms").commented("600ms")
            .doc("An approach's best frame is chosen from this long a window.");
    public static final DoorSetting<Duration> GATE_COOLDOWN = DoorSetting.duration(GATE,
            "gate.cooldown", "10s").commented("10s")
            .doc("The same person (embedding) is not sent again within this time.");
    public static final DoorSetting<Double> GATE_COOLDOWN_COSINE = DoorSetting.decimal(GATE,
            "gate.cooldownCosine", 0.6, 0, 1).commented("0.6")
            .doc("Embeddings at least this close count as the same person for gate.cooldown.");
    public static final DoorSetting<Double> GATE_MIN_FACE = DoorSetting.decimal(GATE, "gate.minFaceFraction",
            0.01, 0, 1).commented("0.01").doc("Faces smaller than this fraction of the frame are ignored.");
    public static final DoorSetting<Integer> GATE_JPEG_QUALITY = DoorSetting.integer(GATE, "gate.jpegQuality", 90,
            30, 100).commented("90").doc("JPEG quality of the uploaded capture.");

    // --- Door hardware ---------------------------------------------------------------------------------------
    public static final DoorSetting<Integer> RELAY_PIN = DoorSetting.integer(DOOR, "door.relayPin", 17, 0, 63)
            .doc("Relay that releases the lock. Wire the lock fail-secure: it stays locked when the relay is off or"
                    + " unpowered.");
    public static final DoorSetting<Boolean> RELAY_ACTIVE_HIGH = DoorSetting.flag(DOOR, "door.relayActiveHigh",
            true).doc("true = driving the pin high energises the relay.");
    public static final DoorSetting<Duration> UNLOCK_PULSE = DoorSetting.duration(DOOR,
            "door.unlockPulse", "3s").doc("How long a GRANT releases the lock.");
    public static final DoorSetting<Duration> MAX_PULSE = DoorSetting.duration(DOOR, "door.maxPulse",
            "10s").doc("The hard cap for any single release (remote unlock included); at least door.unlockPulse.");
    public static final DoorSetting<Integer> CONTACT_PIN = DoorSetting.integer(DOOR, "door.contactPin", 27, -1, 63)
            .doc("Door contact (reed switch); -1 = none (then no DOOR_FORCED / DOOR_HELD_OPEN alarms).");
    public static final DoorSetting<Boolean> CONTACT_OPEN_HIGH = DoorSetting.flag(DOOR, "door.contactOpenHigh",
            true).doc("true = the pin reads high while the door is open.");
    public static final DoorSetting<Pull> CONTACT_PULL = DoorSetting.pull(DOOR, "door.contactPull", Pull.UP,
            Pull.values()).doc("The Pi's internal pull resistor on the contact pin: up (default; contact closed to"
                    + " ground while the door is shut, so a cut wire reads as open), down (contact to 3.3 V) or none"
                    + " (external resistor).");
    public static final DoorSetting<Integer> EXIT_BUTTON_PIN = DoorSetting.integer(DOOR, "door.exitButtonPin", -1,
            -1, 63).doc("Request-to-exit button (normally open, to ground, pressed = low); -1 = none.");
    public static final DoorSetting<Pull> EXIT_BUTTON_PULL = DoorSetting.pull(DOOR, "door.exitButtonPull",
            Pull.UP, Pull.UP, Pull.NONE).doc("Pull resistor on the exit button pin: up (default) or none"
                    + " (external pull-up).");
    public static final DoorSetting<Duration> HELD_OPEN_AFTER = DoorSetting.duration(DOOR,
            "door.heldOpenAfter", "60s").doc("DOOR_HELD_OPEN after the door stays open this long.");
    public static final DoorSetting<Duration> AUTHORIZED_OPEN_WINDOW = DoorSetting.duration(DOOR,
            "door.authorizedOpenWindow", "15s").doc("An opening without a release within this window of the last"
                    + " unlock is DOOR_FORCED.");

    // --- Card reader, keypad, feedback -----------------------------------------------------------------------
    public static final DoorSetting<ReaderType> READER_TYPE = DoorSetting.oneOf(READERS, "reader.type",
            ReaderType.NONE).doc("The card reader: NONE (face only), HID (USB keyboard-wedge reader, read through"
                    + " evdev and grabbed: reader.device) or WIEGAND (26/34 bit on reader.d0Pin/reader.d1Pin).");
    public static final DoorSetting<Path> READER_DEVICE = DoorSetting.path(READERS, "reader.device", null)
            .commented("/dev/input/facegate-reader").doc("HID: the reader's event device (the udev rule in"
                    + " device/README.md names it and lets the facegate user read it); a regular file is read as"
                    + " recorded input events instead (a simulated door).");
    public static final DoorSetting<Integer> READER_D0_PIN = DoorSetting.integer(READERS, "reader.d0Pin", -1, -1,
            63).commented("5").doc("WIEGAND: the D0 (green) data line, through a 5 V to 3.3 V level shifter.");
    public static final DoorSetting<Integer> READER_D1_PIN = DoorSetting.integer(READERS, "reader.d1Pin", -1, -1,
            63).commented("6").doc("WIEGAND: the D1 (white) data line, likewise.");
    public static final DoorSetting<Duration> READER_FRAME_SILENCE = DoorSetting.duration(READERS,
            "reader.frameSilence", "25ms").commented("25ms")
            .doc("WIEGAND: a frame ends after the lines have been quiet this long (readers send bits 0.2-20 ms"
                    + " apart).");
    public static final DoorSetting<Integer> READER_MIN_BIT_GAP = DoorSetting.integer(READERS,
            "reader.minBitGapMicros", 100, 0, 10_000).commented("100")
            .doc("WIEGAND: bits closer than this many microseconds are noise and spoil the frame; 0 = no check"
                    + " (if the GPIO driver hands edges to Java late and in bunches).");
    public static final DoorSetting<Duration> READER_KEY_TIMEOUT = DoorSetting.duration(READERS,
            "reader.keyTimeout", "500ms").commented("500ms")
            .doc("HID: a partial card number with no key for this long is dropped (wedges type a card in ~50 ms).");
    public static final DoorSetting<ReaderType> KEYPAD_TYPE = DoorSetting.oneOf(READERS, "keypad.type",
            ReaderType.NONE).doc("The PIN keypad: NONE, HID (USB keypad through evdev: keypad.device) or WIEGAND"
                    + " (4/8 bit key bursts on the Wiegand reader's lines). Digits, * or ESC clears, # or ENTER"
                    + " submits.");
    public static final DoorSetting<Path> KEYPAD_DEVICE = DoorSetting.path(READERS, "keypad.device", null)
            .commented("/dev/input/facegate-keypad").doc("HID: the keypad's event device; a regular file is read as"
                    + " recorded input events instead (a simulated door).");
    public static final DoorSetting<Duration> KEYPAD_KEY_TIMEOUT = DoorSetting.duration(READERS,
            "keypad.keyTimeout", "5s").doc("A PIN entry with no key for this long is cleared.");
    public static final DoorSetting<Integer> KEYPAD_MAX_DIGITS = DoorSetting.integer(READERS, "keypad.maxDigits",
            8, 4, 16).doc("A longer entry is cleared, not cut short.");
    public static final DoorSetting<PublicKey> KEYPAD_PIN_PUBLIC_KEY = DoorSetting.custom(READERS,
            "keypad.pinPublicKeyBase64", null, "RSA public key, X.509 DER, base64", (v, base) -> {
                try {
                    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                            Base64.getDecoder().decode(v)));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new DoorSetting.Invalid("is not a base64 X.509 RSA public key");
                }
            }).commented("").doc("The cloud's PIN key (public half) the door seals typed PINs with; none = no PIN"
                    + " is sent (PIN modes deny PIN_REQUIRED). Local: put in the bundle; AWS: see docs/deploy-aws.md.");
    public static final DoorSetting<Integer> FEEDBACK_PIN = DoorSetting.integer(READERS, "feedback.pin", -1, -1, 63)
            .doc("Status LED/buzzer output (card read: look at the camera; enter PIN; PIN accepted/wrong/locked);"
                    + " -1 = none (the cues are still logged). Never the relay's pin.");
    public static final DoorSetting<Boolean> FEEDBACK_ACTIVE_HIGH = DoorSetting.flag(READERS,
            "feedback.activeHigh", true).doc("true = driving the pin high lights the LED / sounds the buzzer.");

    // --- Decisions -------------------------------------------------------------------------------------------
    public static final DoorSetting<Duration> DECISION_DEADLINE = DoorSetting.duration(DECISIONS,
            "decision.deadline", "8s").doc("A decision must arrive within this time of the capture, or the door"
                    + " ignores it (stays locked).");
    public static final DoorSetting<Duration> CLOCK_SKEW = DoorSetting.duration(DECISIONS,
            "decision.clockSkew", "2s").doc("Allowed clock difference when checking a decision's or command's"
                    + " expiry.");
    public static final DoorSetting<Integer> REMEMBER_IDS = DoorSetting.integer(DECISIONS, "decision.rememberIds",
            10_000, 100, 1_000_000).commented("10000")
            .doc("Cap on decision/command ids remembered as honoured inside their validity window (5 min + 2 x"
                    + " clockSkew); when full of such ids the door refuses new ones (ONCE_ONLY_MEMORY_FULL) rather"
                    + " than forget one.");

    // --- Audit journal and offline fallback ------------------------------------------------------------------
    public static final DoorSetting<Path> STATE_DIR = DoorSetting.path(JOURNAL, "state.dir", "state")
            .template("/var/lib/facegate")
            .doc("Where the journal and the offline gallery live (the systemd unit makes only this writable).");
    public static final DoorSetting<Integer> SEGMENT_BYTES = DoorSetting.integer(JOURNAL, "journal.segmentBytes",
            1 << 20, 4096, 1 << 30).commented(Integer.toString(1 << 20)).doc("Size of one journal segment file.");
    public static final DoorSetting<Long> MAX_BYTES = DoorSetting.longInteger(JOURNAL, "journal.maxBytes",
            64L << 20, 8192, 1L << 40).doc("The journal's bound (at least two segments); raise it for doors with"
                    + " long expected outages.");
    public static final DoorSetting<Double> NEAR_FULL_RATIO = DoorSetting.decimal(JOURNAL, "journal.nearFullRatio",
            0.8, 0.1, 0.99).doc("JOURNAL_NEAR_FULL is raised at this fill ratio.");
    public static final DoorSetting<OfflinePolicy> OFFLINE_POLICY = DoorSetting.oneOf(JOURNAL, "offline.policy",
            OfflinePolicy.DENY_ALL).doc("DENY_ALL (default, keeps the door shut while the cloud is unreachable) or"
                    + " LOCAL_MATCH (on-device match against the synced gallery; needs offline.galleryKeyBase64, 32"
                    + " random bytes in base64).");
    public static final DoorSetting<Duration> OFFLINE_AFTER = DoorSetting.duration(JOURNAL,
            "offline.after", "30s").doc("The door counts as offline when MQTT has been down this long, or when"
                    + " offline.missedDecisions captures in a row got no decision before decision.deadline.");
    public static final DoorSetting<Integer> MISSED_DECISIONS = DoorSetting.integer(JOURNAL,
            "offline.missedDecisions", 3, 1, 100).doc("See offline.after.");
    public static final DoorSetting<Double> MIN_SIMILARITY = DoorSetting.decimal(JOURNAL, "offline.minSimilarity",
            99.5, 50, 100).doc("LOCAL_MATCH grants only at or above this similarity (0-100; stricter than the"
                    + " cloud's threshold).");
    public static final DoorSetting<String> GALLERY_KEY_BASE64 = DoorSetting.custom(JOURNAL,
            "offline.galleryKeyBase64", null, "32 bytes, base64", (v, base) -> {
                byte[] key;
                try {
                    key = Base64.getDecoder().decode(v);
                } catch (IllegalArgumentException e) {
                    throw new DoorSetting.Invalid("is not base64");
                }
                if (key.length != 32) {
                    throw new DoorSetting.Invalid("must be 32 bytes (AES-256)");
                }
                return v;
            }).commented("").doc("The AES-256 key of the offline gallery (base64); never logged.");
    public static final DoorSetting<String> GALLERY_OBJECT = DoorSetting.text(JOURNAL, "offline.galleryObject",
            null).derived("galleries/<door.id>.bin", f -> "galleries/"
                    + (f.text(DOOR_ID) == null ? "door" : f.text(DOOR_ID)) + ".bin")
            .commented("galleries/<door.id>.bin").doc("The S3 object the offline gallery is synced from.");
    public static final DoorSetting<Duration> GALLERY_REFRESH = DoorSetting.duration(JOURNAL,
            "offline.galleryRefresh", "60s", "10s", "1h").doc("How often the door fetches its offline gallery"
                    + " (only when offline.galleryKeyBase64 is set), so that a revocation or a mode edit reaches it"
                    + " within this time without a RESYNC; an unchanged gallery is not downloaded again (ETag).");

    // --- Health ----------------------------------------------------------------------------------------------
    public static final DoorSetting<Duration> STATUS_INTERVAL = DoorSetting.duration(HEALTH,
            "status.interval", "60s").doc("How often the door publishes its status (also on connect and change).");
    public static final DoorSetting<Duration> WATCHDOG_INTERVAL = DoorSetting.duration(HEALTH,
            "watchdog.interval", "10s").doc("systemd watchdog ping; keep well under WatchdogSec=30s of the unit.");
    public static final DoorSetting<Long> DISK_MIN_FREE = DoorSetting.longInteger(HEALTH, "disk.minFreeBytes",
            32L << 20, 1L << 20, 1L << 40).doc("DISK_FULL (status diskFault) when the state.dir disk has less free"
                    + " space than this or a journal write fails; DISK_OK once it has twice this and writes succeed.");
    public static final DoorSetting<Duration> DISK_CHECK_INTERVAL = DoorSetting.duration(HEALTH,
            "disk.checkInterval", "15s").doc("How often the door measures its state disk's free space.");

    /**
     * Keys that bundles provisioned by earlier local stacks carry and nothing reads (the MQTT client id is always
     * the door id; path-style S3 follows from s3.endpoint): known, so not warned about.
     */
    public static final Set<String> RETIRED = Set.of("mqtt.clientId", "s3.pathStyle");

    /** Every key, in the template's order. */
    public static final List<DoorSetting<?>> ALL = List.of(DOOR_ID,
            MQTT_HOST, MQTT_PORT, BUNDLE_DIR, BUNDLE_PROPERTIES, MQTT_CERT, MQTT_KEY, MQTT_CA, MQTT_KEEP_ALIVE,
            MQTT_RECONNECT_MIN, MQTT_RECONNECT_MAX,
            S3_BUCKET, S3_REGION, S3_ENDPOINT, S3_CREDENTIALS, S3_CREDENTIALS_ENDPOINT, S3_ROLE_ALIAS,
            S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_CA,
            CAPTURE_SOURCE, CAPTURE_LOCATION, CAPTURE_WIDTH, CAPTURE_HEIGHT, CAPTURE_FPS, CAPTURE_LOOP,
            GATE_IDLE, GATE_ACTIVE, GATE_WINDOW, GATE_COOLDOWN, GATE_COOLDOWN_COSINE, GATE_MIN_FACE,
            GATE_JPEG_QUALITY,
            RELAY_PIN, RELAY_ACTIVE_HIGH, UNLOCK_PULSE, MAX_PULSE, CONTACT_PIN, CONTACT_OPEN_HIGH, CONTACT_PULL,
            EXIT_BUTTON_PIN, EXIT_BUTTON_PULL, HELD_OPEN_AFTER, AUTHORIZED_OPEN_WINDOW,
            READER_TYPE, READER_DEVICE, READER_D0_PIN, READER_D1_PIN, READER_FRAME_SILENCE, READER_MIN_BIT_GAP,
            READER_KEY_TIMEOUT, KEYPAD_TYPE, KEYPAD_DEVICE, KEYPAD_KEY_TIMEOUT, KEYPAD_MAX_DIGITS,
            KEYPAD_PIN_PUBLIC_KEY, FEEDBACK_PIN, FEEDBACK_ACTIVE_HIGH,
            DECISION_DEADLINE, CLOCK_SKEW, REMEMBER_IDS,
            STATE_DIR, SEGMENT_BYTES, MAX_BYTES, NEAR_FULL_RATIO, OFFLINE_POLICY, OFFLINE_AFTER, MISSED_DECISIONS,
            MIN_SIMILARITY, GALLERY_KEY_BASE64, GALLERY_OBJECT, GALLERY_REFRESH,
            STATUS_INTERVAL, WATCHDOG_INTERVAL, DISK_MIN_FREE, DISK_CHECK_INTERVAL);

    private static String inBundle(DoorSetting.Lookup f, String file) {
        String bundle = f.text(BUNDLE_DIR);
        return bundle == null ? null : Path.of(bundle).resolve(file).toString();
    }

    private static URI endpoint(String v, Path base) {
        URI u;
        try {
            u = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new DoorSetting.Invalid("is not a URL");
        }
        if (u.getScheme() == null || u.getHost() == null) {
            throw new DoorSetting.Invalid("must be an absolute http(s) URL");
        }
        return u;
    }

    /** "host", "host:port" or "https://host[:port]" (the credentials provider is only ever spoken over TLS). */
    private static URI credentialsEndpoint(String v, Path base) {
        String url = v;
        if (!url.contains("://")) {
            if (!HOST.matcher(url).matches()) {
                throw new DoorSetting.Invalid("must be a host name or an https:// URL (got '" + v + "')");
            }
            url = "https://" + url;
        }
        try {
            URI u = new URI(url);
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !"/".equals(u.getRawPath()))
                    || u.getRawQuery() != null || u.getRawUserInfo() != null) {
                throw new DoorSetting.Invalid("must be a host name or an https:// URL without path (got '" + url
                        + "')");
            }
            return URI.create("https://" + u.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            throw new DoorSetting.Invalid("must be a host name or an https:// URL (got '" + url + "')");
        }
    }
}

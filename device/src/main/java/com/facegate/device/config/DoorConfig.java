package com.facegate.device.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one door daemon needs, validated at start by {@link DoorConfigLoader} (all problems at once).
 * Paths are absolute after loading. Durations are ISO-8601 or plain "8s"/"500ms" in the file. Each part is one
 * section of the file; the keys, defaults and ranges are declared in {@link DoorConfigKeys}.
 */
public record DoorConfig(
        String doorId,
        Mqtt mqtt,
        S3 s3,
        Capture capture,
        Gate gate,
        Door door,
        Decisions decisions,
        Journal journal,
        Offline offline,
        Path stateDir,
        Health health,
        Readers readers) {

    /** Broker endpoint and the door's certificate bundle (door.crt, door.key, ca.crt). */
    public record Mqtt(String host, int port, Path certFile, Path keyFile, Path caFile, int keepAliveSecs,
                       int reconnectMinSecs, int reconnectMaxSecs) {}

    /**
     * S3 endpoint (empty endpoint = AWS default), bucket and where the upload credentials come from: static keys,
     * the AWS IoT credentials provider ({@code iot}, exchanging the door certificate for short-lived keys), or the
     * AWS default provider chain.
     */
    public record S3(URI endpoint, String region, String bucket, Credentials credentials, String accessKeyId,
                     String secretAccessKey, Path caFile, IotCredentials iot) {
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", credentials="
                    + credentials + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + (secretAccessKey == null
                    ? "null" : "***") + ", caFile=" + caFile + ", iot=" + iot + "]";
        }
    }

    /** {@code s3.credentials}: where the door's S3 upload credentials come from. */
    public enum Credentials { STATIC, IOT, DEFAULT }

    /**
     * The AWS IoT credentials provider: {@code GET {endpoint}/role-aliases/{roleAlias}/credentials} over mutual
     * TLS with the door's certificate and key, as thing {@code thingName}, trusting {@code caFile}.
     */
    public record IotCredentials(URI endpoint, String roleAlias, String thingName, Path certFile, Path keyFile,
                                 Path caFile) {}

    /** Source kind: v4l2 (device path), rtsp (URL), video (file), folder (image folder). */
    public record Capture(String source, String location, int width, int height, int fps, boolean loop) {}

    /** Face gate: idle and active gate intervals, best-frame window, per-person cooldown, minimum face size. */
    public record Gate(Duration idleInterval, Duration activeInterval, Duration bestFrameWindow,
                       Duration cooldown, float cooldownCosine, float minFaceFraction, int jpegQuality) {}

    /** The Pi's internal pull resistor on an input: up, down, or none (external resistors). */
    public enum Pull { UP, DOWN, NONE }

    /** GPIO wiring and door timings: the lock's relay, the door contact and exit button, and the alarms. */
    public record Door(Lock lock, Input contact, Input exitButton, Duration heldOpenAfter,
                       Duration authorizedOpenWindow) {
        public boolean hasContact() {
            return contact.fitted();
        }

        public boolean hasExitButton() {
            return exitButton.fitted();
        }
    }

    /** The relay that releases the lock: how it is driven, how long a release lasts and its hard cap. */
    public record Lock(int relayPin, boolean relayActiveHigh, Duration unlockPulse, Duration maxPulse) {}

    /** A GPIO input (door contact, exit button): BCM pin (-1 = not fitted), which level is active, pull. */
    public record Input(int pin, boolean activeHigh, Pull pull) {
        public boolean fitted() {
            return pin >= 0;
        }
    }

    /** Pending-capture deadline and allowed clock skew when checking a decision's expiresAt. */
    public record Decisions(Duration deadline, Duration clockSkew, int rememberIds) {}

    /** Audit journal bounds. */
    public record Journal(long segmentBytes, long maxBytes, double nearFullRatio) {}

    /**
     * How often the door reports (status to the cloud, watchdog pings to systemd) and watches its state disk
     * (DISK_FULL below {@code diskMinFreeBytes} free, measured every {@code diskCheckInterval}).
     */
    public record Health(Duration statusInterval, Duration watchdogInterval, long diskMinFreeBytes,
                         Duration diskCheckInterval) {}

    public enum OfflinePolicy { DENY_ALL, LOCAL_MATCH }

    /** Offline fallback: when the cloud counts as unreachable, what to do then, and the gallery. */
    public record Offline(OfflinePolicy policy, Duration offlineAfter, int missedDecisions, float minSimilarity,
                          String galleryObject, String galleryKeyBase64, Duration galleryRefresh) {
        /** Never prints the gallery's AES key: configs end up in logs and error messages. */
        @Override
        public String toString() {
            return "Offline[policy=" + policy + ", offlineAfter=" + offlineAfter + ", missedDecisions="
                    + missedDecisions + ", minSimilarity=" + minSimilarity + ", galleryObject=" + galleryObject
                    + ", galleryKeyBase64="
                    + (galleryKeyBase64 == null ? "null" : "***") + ", galleryRefresh=" + galleryRefresh + "]";
        }
    }

    /** {@code reader.type} / {@code keypad.type}: not fitted, USB HID through evdev, or Wiegand on two GPIOs. */
    public enum ReaderType { NONE, HID, WIEGAND }

    /** What presents credentials at the door besides the camera, and the line that tells the person what next. */
    public record Readers(CardReader card, Keypad keypad, Feedback feedback) {}

    /**
     * The card reader: an evdev device (HID), or Wiegand D0/D1 pins with the silence that ends a frame and the
     * shortest accepted gap between bits; {@code keyTimeout} drops a wedge reader's partial number.
     */
    public record CardReader(ReaderType type, Path device, int d0Pin, int d1Pin, Duration frameSilence,
                             Duration minBitGap, Duration keyTimeout) {}

    /** The PIN keypad: an evdev device (HID) or bursts on the Wiegand reader's lines; its key timeout, length. */
    public record Keypad(ReaderType type, Path device, Duration keyTimeout, int maxDigits,
                         java.security.PublicKey pinKey) {}

    /** The status LED/buzzer line (-1 = none) and whether driving it high lights it. */
    public record Feedback(int pin, boolean activeHigh) {
        public boolean fitted() {
            return pin >= 0;
        }
    }
}

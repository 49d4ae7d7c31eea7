package com.facegate.device.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one door daemon needs, validated at start by {@link DoorConfigLoader} (all problems at once).
 * Paths are absolute after loading. Durations are ISO-8601 or plain "8s"/"500ms" in the file.
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
        Duration statusInterval,
        Duration watchdogInterval) {

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

    /** GPIO wiring and door timings. */
    public record Door(int relayPin, boolean relayActiveHigh, Duration unlockPulse, Duration maxPulse,
                       int contactPin, boolean contactOpenHigh, int exitButtonPin, Duration heldOpenAfter,
                       Duration authorizedOpenWindow, Pull contactPull, Pull exitButtonPull) {
        public boolean hasContact() {
            return contactPin >= 0;
        }

        public boolean hasExitButton() {
            return exitButtonPin >= 0;
        }
    }

    /** Pending-capture deadline and allowed clock skew when checking a decision's expiresAt. */
    public record Decisions(Duration deadline, Duration clockSkew, int rememberIds) {}

    /** Audit journal bounds. */
    public record Journal(long segmentBytes, long maxBytes, double nearFullRatio) {}

    public enum OfflinePolicy { DENY_ALL, LOCAL_MATCH }

    /** Offline fallback: when the cloud counts as unreachable, what to do then, and the gallery. */
    public record Offline(OfflinePolicy policy, Duration offlineAfter, int missedDecisions, float minSimilarity,
                          String galleryKey, String galleryKeyBase64) {
        /** Never prints the gallery key: configs end up in logs and error messages. */
        @Override
        public String toString() {
            return "Offline[policy=" + policy + ", offlineAfter=" + offlineAfter + ", missedDecisions=" + missedDecisions
                    + ", minSimilarity=" + minSimilarity + ", galleryKey=" + galleryKey + ", galleryKeyBase64="
                    + (galleryKeyBase64 == null ? "null" : "***") + "]";
        }
    }
}

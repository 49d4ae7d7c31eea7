package com.facegate.device.upload;

import com.facegate.protocol.CaptureKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Puts one capture at {@code captures/{doorId}/{captureId}.jpg} with the door's metadata; and the door's cloud probe
 * at {@code captures/{doorId}/cloud-probe}: inside what the door may write anyway, and not {@code .jpg}, so no
 * decision handler runs on it.
 */
public final class CaptureUploader {
    private final S3Client s3;
    private final String bucket;
    private final String doorId;
    private final Clock clock;

    /** The probe's key under the door's own capture prefix (one object, overwritten by each probe). */
    public static final String PROBE_OBJECT = "cloud-probe";

    public CaptureUploader(S3Client s3, String bucket, String doorId, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.doorId = doorId;
        this.clock = clock;
    }

    /** Uploads and returns the key. Throws the SDK's exception when S3 is unreachable or refuses. */
    public CaptureKey upload(String captureId, byte[] jpeg, Instant capturedAt) {
        CaptureKey key = new CaptureKey(doorId, captureId);
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key.key()).contentType("image/jpeg")
                .metadata(Map.of("door-id", doorId, "capture-time", capturedAt.toString(),
                        "device-clock", clock.instant().toString()))
                .build(), RequestBody.fromBytes(jpeg));
        return key;
    }

    /** A tiny put with the door's own credentials: throws when S3 is still unreachable or refusing. */
    public void probe() {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(CaptureKey.PREFIX + doorId + "/" + PROBE_OBJECT)
                .contentType("text/plain").build(), RequestBody.fromString(clock.instant().toString()));
    }
}

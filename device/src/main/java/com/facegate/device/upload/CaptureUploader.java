package com.facegate.device.upload;

import com.facegate.protocol.CaptureKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Puts one capture at {@code captures/{doorId}/{captureId}.jpg} with the door's metadata. */
public final class CaptureUploader {
    private final S3Client s3;
    private final String bucket;
    private final String doorId;
    private final Clock clock;

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
}

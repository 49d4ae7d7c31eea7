package com.facegate.device.upload;

import com.facegate.protocol.CaptureAnnouncement;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.Failures;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Puts one capture at {@code captures/{doorId}/{captureId}.jpg} with the door's metadata, then announces it on the
 * door's {@code captures} topic (the fast path: the cloud decides it without waiting for S3's event). The
 * announcement is not awaited and may be lost: the S3 event still decides the capture. Also puts the door's cloud
 * probe at {@code captures/{doorId}/cloud-probe}: inside what the door may write anyway, and not {@code .jpg}, so no
 * decision handler runs on it.
 */
public final class CaptureUploader {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureUploader.class);

    private final S3Client s3;
    private final String bucket;
    private final String doorId;
    private final Clock clock;
    private final BiFunction<String, byte[], CompletableFuture<Void>> publish;
    private final Duration deadline;

    /** The probe's key under the door's own capture prefix (one object, overwritten by each probe). */
    public static final String PROBE_OBJECT = "cloud-probe";

    /** Without announcements: every capture waits for its S3 event. */
    public CaptureUploader(S3Client s3, String bucket, String doorId, Clock clock) {
        this(s3, bucket, doorId, clock, null, Duration.ZERO);
    }

    /** Announces each upload through {@code publish} (the door's MQTT link), valid until the decision deadline. */
    public CaptureUploader(S3Client s3, String bucket, String doorId, Clock clock,
                           BiFunction<String, byte[], CompletableFuture<Void>> publish, Duration deadline) {
        this.s3 = s3;
        this.bucket = bucket;
        this.doorId = doorId;
        this.clock = clock;
        this.publish = publish;
        this.deadline = deadline;
    }

    /** Uploads and returns the key. Throws the SDK's exception when S3 is unreachable or refuses. */
    public CaptureKey upload(String captureId, byte[] jpeg, Instant capturedAt) {
        return upload(captureId, jpeg, capturedAt, Map.of());
    }

    /**
     * As above, with what was presented or measured beside the face ({@link CaptureMetadata#PRESENTED} names only;
     * any other name is refused with IllegalArgumentException, before anything is uploaded).
     */
    public CaptureKey upload(String captureId, byte[] jpeg, Instant capturedAt, Map<String, String> presented) {
        CaptureKey key = new CaptureKey(doorId, captureId);
        for (String name : presented.keySet()) {
            if (!CaptureMetadata.PRESENTED.contains(name)) {
                throw new IllegalArgumentException("not capture metadata a door may set: " + name);
            }
        }
        Map<String, String> metadata = new HashMap<>(presented);
        metadata.put(CaptureMetadata.DOOR_ID, doorId);
        metadata.put(CaptureMetadata.CAPTURE_TIME, capturedAt.toString());
        metadata.put(CaptureMetadata.DEVICE_CLOCK, clock.instant().toString());
        PutObjectResponse put = s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key.key())
                .contentType("image/jpeg").metadata(metadata).build(), RequestBody.fromBytes(jpeg));
        announce(key, put);
        return key;
    }

    /** A tiny put with the door's own credentials: throws when S3 is still unreachable or refusing. */
    public void probe() {
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(CaptureKey.PREFIX + doorId + "/" + PROBE_OBJECT)
                .contentType("text/plain").build(), RequestBody.fromString(clock.instant().toString()));
    }

    private void announce(CaptureKey key, PutObjectResponse put) {
        if (publish == null || put.eTag() == null) {
            return;
        }
        try {
            CaptureAnnouncement a = CaptureAnnouncement.of(key, put.eTag(), put.versionId(), clock.instant(),
                    deadline);
            // Not awaited (the S3 event is the fallback); a failure is only logged.
            var unused = publish.apply(Topics.captures(doorId), MessageCodec.encode(a)).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.info("capture {} not announced ({}); its S3 event decides it", key.captureId(),
                            Failures.describe(e));
                }
            });
        } catch (RuntimeException e) {
            LOG.info("capture {} not announced ({}); its S3 event decides it", key.captureId(), Failures.describe(e));
        }
    }
}

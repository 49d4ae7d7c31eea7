package com.facegate.cloud.access;

import com.facegate.cloud.S3Claim;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * At most one decision per capture, durably: {@code decisions/{doorId}/{captureId}.json} is created with a
 * conditional write ({@code If-None-Match: *}) BEFORE any work; S3 answers 412 to every later writer, so a
 * redelivered or concurrent event is skipped at once and can never publish a second decision. The claim is then
 * overwritten with the decision itself, kept for the lifecycle period. A claim left in state DECIDING (function
 * killed mid-decision) is never decided again: the door's deadline passes and it stays locked (fail secure).
 */
public final class DecisionLedger {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionLedger.class);
    public static final String PREFIX = "decisions/";

    private final S3Client s3;
    private final String bucket;

    public DecisionLedger(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static String key(CaptureKey capture) {
        return PREFIX + capture.doorId() + "/" + capture.captureId() + ".json";
    }

    /**
     * The decision recorded for this capture, if any (empty also while a claim is still DECIDING). For admin tools
     * and tests; the handler itself never reads the ledger.
     */
    public Optional<Decision> recorded(CaptureKey capture) {
        try {
            byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(capture))).asByteArray();
            com.fasterxml.jackson.databind.JsonNode n = MessageCodec.mapper().readTree(body);
            if (n.has("state")) {
                return Optional.empty();
            }
            return Optional.of(MessageCodec.mapper().treeToValue(n, Decision.class));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True when this call created the entry; false when another delivery already had (see {@link S3Claim}: a
     * retried PUT of our own claim still counts as ours).
     */
    public boolean claim(CaptureKey capture, java.time.Instant now) {
        String token = java.util.UUID.randomUUID().toString();
        byte[] body = ("{\"state\":\"DECIDING\",\"doorId\":" + quote(capture.doorId()) + ",\"captureId\":"
                + quote(capture.captureId()) + ",\"claimedAt\":\"" + now + "\",\"claimToken\":\"" + token + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean created = S3Claim.create(s3, bucket, key(capture), body, token).created();
        if (!created) {
            LOG.debug("claim for {} refused: another delivery holds it", capture.captureId());
        }
        return created;
    }

    /** Replaces the claim with the decision taken (unconditional: this delivery owns the claim). */
    public void record(CaptureKey capture, Decision decision) {
        byte[] body = MessageCodec.encode(decision);
        s3.putObject(b -> b.bucket(bucket).key(key(capture)).contentType("application/json"), RequestBody.fromBytes(body));
    }

    private static String quote(String s) {
        try {
            return MessageCodec.mapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Undoes a claim whose decision was never published, so that a retry may decide again. Best effort. */
    public void release(CaptureKey capture) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key(capture)));
        } catch (SdkException e) {
            // The entry stays: the capture will simply never be decided again (fail secure).
        }
    }
}

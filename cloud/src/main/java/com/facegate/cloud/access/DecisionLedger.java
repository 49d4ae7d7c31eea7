package com.facegate.cloud.access;

import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
     * True when this call created the entry; false when another delivery already had. The claim carries a random
     * token: if the SDK retried our own PUT after it had in fact succeeded (response lost), S3 answers 412 to the
     * retry, and reading the token back tells that the claim is ours after all.
     */
    public boolean claim(CaptureKey capture, java.time.Instant now) {
        String token = java.util.UUID.randomUUID().toString();
        byte[] body = ("{\"state\":\"DECIDING\",\"doorId\":" + quote(capture.doorId()) + ",\"captureId\":"
                + quote(capture.captureId()) + ",\"claimedAt\":\"" + now + "\",\"claimToken\":\"" + token + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key(capture)).ifNoneMatch("*").contentType("application/json"),
                    RequestBody.fromBytes(body));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                // 409 ConditionalRequestConflict: a concurrent conditional write on the same key.
                if (ownClaim(capture, token)) {
                    LOG.warn("claim for {} succeeded on a retried request", capture.captureId());
                    return true;
                }
                LOG.debug("claim for {} refused: HTTP {} after {} attempt(s)", capture.captureId(), e.statusCode(),
                        e.numAttempts());
                return false;
            }
            throw e;
        }
    }

    private boolean ownClaim(CaptureKey capture, String token) {
        try {
            String existing = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key(capture))).asUtf8String();
            return existing.contains(token);
        } catch (NoSuchKeyException e) {
            return false;
        }
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

package com.facegate.cloud.access;

import com.facegate.cloud.S3Claim;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * At most one decision per capture, durably, and none lost to a crash: {@code decisions/{doorId}/{captureId}.json}
 * is created with a conditional write ({@code If-None-Match: *}) BEFORE any work, in state DECIDING with a lease
 * ({@link #LEASE}, longer than the function may run). A later delivery that finds the entry
 * <ul>
 * <li>decided (the decision itself replaced the claim) skips it: a completed entry is final;</li>
 * <li>DECIDING within its lease is {@link Claim.Outcome#BUSY}: it must not decide (no second publish) and fails so
 * that the platform retries it after the lease;</li>
 * <li>DECIDING past its lease (the holder was killed) takes it over with {@code If-Match} on the entry's ETag, so
 * of two takers exactly one wins.</li>
 * </ul>
 * The decision is recorded with {@code If-Match} on the holder's own claim, so a holder that lost its lease can never
 * overwrite its successor's entry.
 */
public final class DecisionLedger {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionLedger.class);
    public static final String PREFIX = "decisions/";
    /** Twice the access function's timeout (15 s in cloud/template.yaml): a live holder is never taken over. */
    public static final Duration LEASE = Duration.ofSeconds(30);

    /** What a delivery holds after {@link #claim}; {@code eTag} is its claim's (for {@link #record}). */
    public record Claim(Outcome outcome, String eTag, Instant previousClaimAt) {
        public enum Outcome { CLAIMED, TAKEN_OVER, BUSY, DECIDED }

        public boolean ours() {
            return outcome == Outcome.CLAIMED || outcome == Outcome.TAKEN_OVER;
        }
    }

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
            JsonNode n = MessageCodec.mapper().readTree(body);
            if (n.has("state")) {
                return Optional.empty();
            }
            return Optional.of(MessageCodec.mapper().treeToValue(n, Decision.class));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Claims the capture for this delivery, or says why not (see the class comment). */
    public Claim claim(CaptureKey capture, Instant now) {
        String token = UUID.randomUUID().toString();
        byte[] body = MessageCodec.mapper().createObjectNode().put("state", "DECIDING")
                .put("doorId", capture.doorId()).put("captureId", capture.captureId())
                .put("claimedAt", now.toString()).put("leaseUntil", now.plus(LEASE).toString())
                .put("claimToken", token).toString().getBytes(StandardCharsets.UTF_8);
        S3Claim.Result r = S3Claim.create(s3, bucket, key(capture), body, token);
        if (!r.created() && r.existing() == null) {
            r = S3Claim.create(s3, bucket, key(capture), body, token); // released in between: once more
        }
        if (r.created()) {
            return new Claim(Claim.Outcome.CLAIMED, r.eTag(), null);
        }
        if (r.existing() == null) {
            return new Claim(Claim.Outcome.BUSY, null, null);
        }
        JsonNode existing = parse(r.existing());
        if (existing != null && existing.isObject() && !existing.has("state") && existing.has("result")) {
            return new Claim(Claim.Outcome.DECIDED, r.eTag(), null);
        }
        Instant claimedAt = instant(existing, "claimedAt", Instant.EPOCH);
        Instant leaseUntil = instant(existing, "leaseUntil", claimedAt.plus(LEASE));
        if (now.isBefore(leaseUntil)) {
            LOG.debug("claim for {} refused: another delivery holds it until {}", capture.captureId(), leaseUntil);
            return new Claim(Claim.Outcome.BUSY, null, null);
        }
        S3Claim.Result taken = S3Claim.replace(s3, bucket, key(capture), r.eTag(), body, token);
        if (!taken.created()) {
            return new Claim(Claim.Outcome.BUSY, null, null); // another taker won; the retry sees how it ended
        }
        LOG.warn("capture {}: claim of {} left DECIDING past its lease, taken over", capture.captureId(), claimedAt);
        return new Claim(Claim.Outcome.TAKEN_OVER, taken.eTag(), claimedAt);
    }

    /**
     * Replaces this delivery's claim with the decision taken. False when the claim is no longer this delivery's
     * (taken over after its lease): then nothing may be audited or published for it.
     */
    public boolean record(CaptureKey capture, Decision decision, Claim claim) {
        byte[] body = MessageCodec.encode(decision);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key(capture)).ifMatch(claim.eTag()).contentType("application/json"),
                    RequestBody.fromBytes(body));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404) {
                return recorded(capture).map(d -> d.id().equals(decision.id())).orElse(false);
            }
            throw e;
        } catch (SdkClientException e) {
            if (recorded(capture).map(d -> d.id().equals(decision.id())).orElse(false)) {
                return true; // our write got through, only its answer was lost
            }
            throw e;
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return MessageCodec.mapper().readTree(body);
        } catch (IOException e) {
            return null; // unreadable: no decision in it, handled as a claim past its lease
        }
    }

    private static Instant instant(JsonNode n, String field, Instant dflt) {
        try {
            return n == null || !n.hasNonNull(field) ? dflt : Instant.parse(n.get(field).asText());
        } catch (RuntimeException e) {
            return dflt;
        }
    }

    /** Undoes a claim whose decision was never published, so that a retry may decide again. Best effort. */
    public void release(CaptureKey capture) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key(capture)));
        } catch (SdkException e) {
            // The entry stays DECIDING: a retry after its lease takes it over.
        }
    }
}

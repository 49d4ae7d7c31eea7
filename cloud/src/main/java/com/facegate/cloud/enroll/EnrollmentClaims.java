package com.facegate.cloud.enroll;

import com.facegate.cloud.S3Claim;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One enrollment at a time per photo. S3 may deliver the same ObjectCreated event twice, even concurrently; two
 * invocations indexing the same photo would leave two faces for it. Before indexing, an invocation claims
 * {@code registry/enrollment/{badgeId}/{photoHash}.claim} with a conditional write ({@code If-None-Match: *});
 * the loser is told the photo is busy and its invocation is retried later, when the outcome is there to skip on.
 * A claim older than {@link #STALE_AFTER} (the winner died mid-way) or for other photo content may be taken over.
 * Claims sit under the badge's enrollment prefix, so erasing the badge removes them too.
 */
final class EnrollmentClaims {
    /** Longer than an enrollment invocation may run (the function's timeout is 60 s). */
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final S3Client s3;
    private final String bucket;

    EnrollmentClaims(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    static String key(String badgeId, String photoKey) {
        return Registry.enrollmentPrefix(badgeId) + Registry.photoHash(photoKey) + ".claim";
    }

    /** True when this invocation may enroll the photo now; false while another one is at it. */
    boolean claim(String badgeId, String photoKey, String eTag, Instant now) {
        String token = UUID.randomUUID().toString();
        byte[] body = MessageCodec.mapper().createObjectNode().put("claimedAt", now.toString())
                .put("eTag", eTag).put("token", token).toString().getBytes(StandardCharsets.UTF_8);
        String key = key(badgeId, photoKey);
        S3Claim.Result claimed = S3Claim.create(s3, bucket, key, body, token);
        if (claimed.created()) {
            return true;
        }
        JsonNode existing = parse(claimed.existing());
        boolean stale = existing == null || !Objects.equals(eTag, existing.path("eTag").asText(null))
                || claimedAt(existing).plus(STALE_AFTER).isBefore(now);
        if (!stale) {
            return false;
        }
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        return true;
    }

    private static JsonNode parse(byte[] claim) {
        try {
            return claim == null ? null : MessageCodec.mapper().readTree(claim);
        } catch (IOException e) {
            return null; // unreadable claim: treated as stale
        }
    }

    private static Instant claimedAt(JsonNode claim) {
        try {
            return Instant.parse(claim.path("claimedAt").asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}

package com.facegate.cloud.enroll;

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
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("application/json"),
                    RequestBody.fromBytes(body));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() != 412 && e.statusCode() != 409) {
                throw e;
            }
        }
        JsonNode existing = read(key);
        if (existing != null && token.equals(existing.path("token").asText())) {
            return true; // our own PUT, retried by the SDK after it had succeeded
        }
        boolean stale = existing == null || !Objects.equals(eTag, existing.path("eTag").asText(null))
                || claimedAt(existing).plus(STALE_AFTER).isBefore(now);
        if (!stale) {
            return false;
        }
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        return true;
    }

    private JsonNode read(String key) {
        try {
            return MessageCodec.mapper().readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return null;
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

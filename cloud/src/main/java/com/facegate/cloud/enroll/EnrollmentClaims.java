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
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One enrollment at a time per photo. S3 may deliver the same ObjectCreated event twice, even concurrently; two
 * invocations indexing the same photo would leave two faces for it. Before indexing, an invocation claims
 * {@code registry/enrollment/{badgeId}/{photoHash}.claim} with a conditional write ({@code If-None-Match: *});
 * the loser is told the photo is busy and its invocation is retried later, when the outcome is there to skip on.
 * Each claim carries a lease ({@link #STALE_AFTER}); a claim past it (the winner died mid-way) or for other photo
 * content is taken over with a conditional write ({@code If-Match} on its ETag), so two takers cannot both win.
 * Claims sit under the badge's enrollment prefix, so erasing the badge removes them too.
 *
 * <p>A badge's first face is claimed too ({@code first-face.claim}): later photos are checked against the badge's
 * enrolled faces, but photos uploaded together would each find none and all be indexed, two people on one badge
 * among them. While one photo is becoming the first face, the others are busy and retried; they then find it.
 */
final class EnrollmentClaims {
    /** The lease: twice what an enrollment invocation may run (the function's timeout is 60 s). */
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

    static String firstFaceKey(String badgeId) {
        return Registry.enrollmentPrefix(badgeId) + "first-face.claim";
    }

    /** True when this invocation may enroll the photo now; false while another one is at it. */
    boolean claim(String badgeId, String photoKey, String eTag, Instant now) {
        // Another photo content under the same key is a new upload: the old claim is void.
        return take(key(badgeId, photoKey), photoKey, eTag, now,
                existing -> !Objects.equals(eTag, existing.path("eTag").asText(null)));
    }

    /** True when this photo may become the badge's first face; false while another photo is becoming it. */
    boolean claimFirstFace(String badgeId, String photoKey, String eTag, Instant now) {
        String photo = Registry.photoHash(photoKey);
        // A retry of the photo that holds the claim carries on with it.
        return take(firstFaceKey(badgeId), photoKey, eTag, now,
                existing -> photo.equals(existing.path("photo").asText(null))
                        && Objects.equals(eTag, existing.path("eTag").asText(null)));
    }

    /** Once the first face is recorded (or the photo refused), the next photo need not wait for staleness. */
    void releaseFirstFace(String badgeId) {
        delete(firstFaceKey(badgeId));
    }

    /** A photo that backs off (busy) lets its retries in at once rather than after {@link #STALE_AFTER}. */
    void release(String badgeId, String photoKey) {
        delete(key(badgeId, photoKey));
    }

    private void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // Harmless: the claim goes stale after STALE_AFTER.
        }
    }

    private boolean take(String key, String photoKey, String eTag, Instant now, Predicate<JsonNode> ours) {
        String token = UUID.randomUUID().toString();
        byte[] body = MessageCodec.mapper().createObjectNode().put("claimedAt", now.toString())
                .put("leaseUntil", now.plus(STALE_AFTER).toString())
                .put("photo", Registry.photoHash(photoKey)).put("eTag", eTag).put("token", token).toString()
                .getBytes(StandardCharsets.UTF_8);
        S3Claim.Result claimed = S3Claim.create(s3, bucket, key, body, token);
        if (!claimed.created() && claimed.existing() == null) {
            claimed = S3Claim.create(s3, bucket, key, body, token); // released in between: once more, conditionally
        }
        if (claimed.created()) {
            return true;
        }
        if (claimed.existing() == null) {
            return false; // claimed and released again meanwhile: busy, the retry will see how it ended
        }
        JsonNode existing = parse(claimed.existing());
        boolean takeOver = existing == null || ours.test(existing)
                || claimedAt(existing).plus(STALE_AFTER).isBefore(now);
        if (!takeOver) {
            return false;
        }
        // If-Match on the claim we judged: of two deliveries taking over one stale claim, exactly one wins.
        return S3Claim.replace(s3, bucket, key, claimed.eTag(), body, token).created();
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

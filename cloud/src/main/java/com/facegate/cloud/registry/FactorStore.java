package com.facegate.cloud.registry;

import com.facegate.cloud.S3Claim;
import java.util.UUID;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Sanitize;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A badge's second factors and the card index, read fresh (never cached: a lock-out or a new PIN counts at once)
 * and written only conditionally, {@code If-Match} on the ETag read or {@code If-None-Match: *} for a first write,
 * so two visits (or a visit and an admin) changing the same badge at once never lose each other's change: the one
 * that loses reads again and retries.
 */
public final class FactorStore {
    public static final String PREFIX = Registry.PREFIX + "factors/";
    private static final int MAX_DOC_BYTES = 64 * 1024;

    /** A document as read, with the ETag to replace it by (null ETag: there was none). */
    public record Stored(BadgeFactors factors, String eTag) {}

    private final S3Client s3;
    private final String bucket;
    private final Registry registry;
    private final ObjectMapper mapper = MessageCodec.mapper();

    public FactorStore(S3Client s3, String bucket, Registry registry) {
        this.s3 = s3;
        this.bucket = bucket;
        this.registry = registry;
    }

    public static String key(String badgeId) {
        return PREFIX + BadgeIds.require(badgeId) + ".json";
    }

    /** The badge's factors; {@link BadgeFactors#none} with a null ETag when it has none yet. */
    public Stored factors(String badgeId) {
        String key = key(badgeId);
        ResponseBytes<GetObjectResponse> got;
        try {
            got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return new Stored(BadgeFactors.none(badgeId), null);
        } catch (SdkException e) {
            throw new RegistryUnavailableException("cannot read " + Sanitize.forLog(key), e);
        }
        if (got.asByteArray().length > MAX_DOC_BYTES) {
            throw new BadDocumentException(key, "larger than " + MAX_DOC_BYTES + " bytes", null);
        }
        BadgeFactors f;
        try {
            f = mapper.readValue(got.asByteArray(), BadgeFactors.class);
        } catch (IOException | RuntimeException e) {
            throw new BadDocumentException(key, "not a badge factors document", e);
        }
        if (f == null || !badgeId.equals(f.badgeId())) {
            throw new BadDocumentException(key, "its id does not match its key", null);
        }
        return new Stored(f, got.response().eTag());
    }

    /** Replaces what was read; false when it changed meanwhile (read again and retry). */
    public boolean replace(Stored read, BadgeFactors next) {
        String token = UUID.randomUUID().toString();
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(next.withWriteId(token));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String key = key(next.badgeId());
        try {
            S3Claim.Result r = read.eTag() == null ? S3Claim.create(s3, bucket, key, body, token)
                    : S3Claim.replace(s3, bucket, key, read.eTag(), body, token);
            return r.created();
        } catch (SdkException e) {
            throw new RegistryUnavailableException("cannot write " + Sanitize.forLog(key), e);
        }
    }

    /** The badge holding this card (by reference), empty when none does. */
    public Optional<String> holderOf(String cardRef) {
        return registry.read(Cards.key(cardRef), CardHolder.class).map(CardHolder::badgeId);
    }

    /**
     * Makes the index say this card is the badge's; false when another badge already holds it (an admin removes it
     * there first: a card is never silently moved).
     */
    public boolean claimCard(String cardRef, String badgeId) {
        String token = UUID.randomUUID().toString();
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new CardHolder(cardRef, badgeId));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            S3Claim.Result r = S3Claim.create(s3, bucket, Cards.key(cardRef), body, token);
            return r.created() || holderOf(cardRef).map(badgeId::equals).orElse(false);
        } catch (SdkException e) {
            throw new RegistryUnavailableException("cannot write the card index", e);
        }
    }

    public void releaseCard(String cardRef) {
        registry.delete(Cards.key(cardRef));
    }
}

package com.facegate.cloud.registry;

import com.facegate.protocol.Sanitize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@link Registry}'s per-container copies of its documents' bytes, by key, each with its ETag: a read
 * revalidates it ({@code If-None-Match}; 304 keeps the copy) unless it is younger than {@code freshFor}, and a
 * listing takes a copy whose ETag it lists as current without any GET.
 */
final class DocumentCache {
    /** The registry's logger: its read failures are logged where they always were. */
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final int MAX_DOC_BYTES = 256 * 1024;

    private record Cached(String etag, byte[] body, Instant checkedAt) {}

    private final S3Client s3;
    private final String bucket;
    private final Clock clock;
    private final Duration freshFor;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    DocumentCache(S3Client s3, String bucket, Clock clock, Duration freshFor) {
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
        this.freshFor = freshFor;
    }

    /** The copy's bytes when a listing says {@code listedETag} is the document's current one, else null. */
    byte[] ifCurrent(String key, String listedETag) {
        Cached cached = cache.get(key);
        return cached != null && listedETag != null && listedETag.equals(cached.etag()) ? cached.body() : null;
    }

    /** The document's bytes, null when it does not exist; throws {@link RegistryUnavailableException} otherwise. */
    byte[] fetch(String key) {
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && !freshFor.isZero() && now.isBefore(cached.checkedAt().plus(freshFor))) {
            return cached.body();
        }
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(key);
        if (cached != null) {
            req.ifNoneMatch(cached.etag());
        }
        try {
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(req.build());
            if (got.response().contentLength() != null && got.response().contentLength() > MAX_DOC_BYTES) {
                throw new BadDocumentException(key, "larger than " + MAX_DOC_BYTES + " bytes", null);
            }
            byte[] body = got.asByteArray();
            cache.put(key, new Cached(got.response().eTag(), body, now));
            return body;
        } catch (NoSuchKeyException e) {
            cache.remove(key);
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 304 && cached != null) {
                cache.put(key, new Cached(cached.etag(), cached.body(), now));
                return cached.body();
            }
            // Any other 404 (NoSuchBucket) means the registry is missing, not the document: unavailable.
            LOG.warn("registry read failed for {}: HTTP {}", key, e.statusCode());
            throw new RegistryUnavailableException("cannot read " + Sanitize.forLog(key), e);
        } catch (SdkException e) {
            LOG.warn("registry read failed for {}: {}", key, e.getClass().getSimpleName());
            throw new RegistryUnavailableException("cannot read " + Sanitize.forLog(key), e);
        }
    }

    /** Drops the copy: the document was written, deleted or found bad. */
    void forget(String key) {
        cache.remove(key);
    }

    int size() {
        return cache.size();
    }
}

package com.facegate.device.offline;

import com.facegate.protocol.Failures;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Holds the current offline gallery: loaded from the encrypted cache file at start, fetched from S3 at start and
 * on RESYNC, and refreshed every {@code offline.galleryRefresh} so that a revocation or a mode edit reaches the
 * door without an admin. A refresh asks for the object only if its ETag differs from the one in use (S3 answers
 * 304). A download that does not decrypt for this door is refused, and a failed fetch keeps the previous gallery.
 */
public final class GalleryStore {
    private static final Logger LOG = LoggerFactory.getLogger(GalleryStore.class);
    private static final int NOT_MODIFIED = 304;

    /** What one fetch did. */
    public enum Outcome {
        /** A new, authentic gallery is in use. */
        UPDATED,
        /** The object is the one in use (304 to the conditional GET): nothing downloaded. */
        UNCHANGED,
        /** S3 could not be reached or refused: the previous gallery is kept. */
        FAILED,
        /** The object is not authentic for this door: the previous gallery is kept. */
        REFUSED,
        /** The door has no gallery key (or no S3): nothing is fetched. */
        NOT_KEYED
    }

    private final String doorId;
    private final byte[] key;
    private final Path cacheFile;
    private final S3Client s3;
    private final String bucket;
    private final String objectKey;
    private final Clock clock;
    private volatile Gallery gallery;
    /** ETag of the object {@link #gallery} came from; null for the cached one (its first fetch is unconditional). */
    private String etag;
    /** When S3 last confirmed the gallery in use is its newest (downloaded or 304); null until then. */
    private volatile Instant checkedAt;
    /** The last fetch's outcome, so that a failing S3 is logged once per change, not at every refresh. */
    private Outcome last;

    public GalleryStore(String doorId, byte[] key, Path cacheFile, S3Client s3, String bucket, String objectKey) {
        this(doorId, key, cacheFile, s3, bucket, objectKey, Clock.systemUTC());
    }

    public GalleryStore(String doorId, byte[] key, Path cacheFile, S3Client s3, String bucket, String objectKey,
                        Clock clock) {
        this.doorId = doorId;
        this.key = key;
        this.cacheFile = cacheFile;
        this.s3 = s3;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.clock = clock;
        if (key != null && Files.exists(cacheFile)) {
            try {
                gallery = GalleryCodec.decrypt(Files.readAllBytes(cacheFile), key, doorId);
                LOG.info("offline gallery loaded from cache: {} badge(s)", gallery.badges().size());
            } catch (IOException | GeneralSecurityException e) {
                LOG.error("offline gallery cache unusable ({}); waiting for a resync", Failures.describe(e));
            }
        }
    }

    public Optional<Gallery> current() {
        return Optional.ofNullable(gallery);
    }

    /** When the gallery in use was made by the cloud; empty without one. Its age is what a reviewer judges. */
    public Optional<Instant> generatedAt() {
        Gallery g = gallery;
        return g == null ? Optional.empty() : Optional.of(g.generatedAt());
    }

    /** When S3 last confirmed that the gallery in use is the newest; empty until a fetch got through. */
    public Optional<Instant> checkedAt() {
        return Optional.ofNullable(checkedAt);
    }

    /** Fetches the gallery object whatever is in use (start, RESYNC); true when a new gallery is now in use. */
    public boolean resync() {
        return fetch(false) == Outcome.UPDATED;
    }

    /** The periodic refresh: downloads only when the object changed since the gallery in use. */
    public Outcome refresh() {
        return fetch(true);
    }

    private synchronized Outcome fetch(boolean conditional) {
        if (key == null || s3 == null) {
            return Outcome.NOT_KEYED;
        }
        Outcome o;
        try {
            o = download(conditional);
        } catch (S3Exception e) {
            // The SDK raises a 304 as an error (no 2xx): for a conditional GET it is the cheap "unchanged".
            o = e.statusCode() == NOT_MODIFIED && conditional ? unchanged() : failed(Failures.describe(e));
        } catch (SdkException e) {
            o = failed(Failures.describe(e));
        } catch (GeneralSecurityException e) {
            o = refused(Failures.describe(e));
        } catch (RuntimeException e) {
            // Whatever a damaged object throws, the scheduled refresh must run again and the gallery stay.
            o = refused(Failures.describe(e));
        }
        last = o;
        return o;
    }

    private Outcome download(boolean conditional) throws GeneralSecurityException {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(objectKey);
        if (conditional && etag != null) {
            req.ifNoneMatch(etag);
        }
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(req.build());
        byte[] bytes = got.asByteArray();
        Gallery g = GalleryCodec.decrypt(bytes, key, doorId);
        // In use before it is cached: a full state disk must not keep revoked badges in the offline gallery.
        gallery = g;
        etag = got.response().eTag();
        checkedAt = clock.instant();
        LOG.info("offline gallery synced: {} badge(s), generated {}", g.badges().size(), g.generatedAt());
        cache(bytes);
        return Outcome.UPDATED;
    }

    private Outcome unchanged() {
        checkedAt = clock.instant();
        if (last == Outcome.FAILED || last == Outcome.REFUSED) {
            LOG.info("offline gallery reachable again; unchanged, generated {}", generatedAt().orElse(null));
        }
        return Outcome.UNCHANGED;
    }

    private Outcome failed(String why) {
        if (last != Outcome.FAILED) {
            LOG.warn("offline gallery sync failed, keeping the one generated {}: {}", generatedAt().orElse(null), why);
        } else {
            LOG.debug("offline gallery sync still failing: {}", why);
        }
        return Outcome.FAILED;
    }

    private Outcome refused(String why) {
        if (last != Outcome.REFUSED) {
            LOG.error("offline gallery refused (not authentic for this door), keeping the one generated {}: {}",
                    generatedAt().orElse(null), why);
        }
        return Outcome.REFUSED;
    }

    /** Keeps the gallery for the next start; without it that start waits for a resync (offline: the policy). */
    private void cache(byte[] bytes) {
        Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
        try {
            Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            Files.write(tmp, bytes);
            Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("offline gallery in use but not cached file={} error={}", cacheFile, Failures.describe(e));
        }
    }
}

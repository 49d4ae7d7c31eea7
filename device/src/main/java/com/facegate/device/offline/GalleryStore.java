package com.facegate.device.offline;

import com.facegate.protocol.Failures;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Holds the current offline gallery: loaded from the encrypted cache file at start, refreshed from S3 on RESYNC
 * (and at start). A download that does not decrypt for this door is refused and the previous gallery kept.
 */
public final class GalleryStore {
    private static final Logger LOG = LoggerFactory.getLogger(GalleryStore.class);

    private final String doorId;
    private final byte[] key;
    private final Path cacheFile;
    private final S3Client s3;
    private final String bucket;
    private final String objectKey;
    private volatile Gallery gallery;

    public GalleryStore(String doorId, byte[] key, Path cacheFile, S3Client s3, String bucket, String objectKey) {
        this.doorId = doorId;
        this.key = key;
        this.cacheFile = cacheFile;
        this.s3 = s3;
        this.bucket = bucket;
        this.objectKey = objectKey;
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

    /** Fetches the gallery object; true when a new, authentic gallery is now in use. */
    public synchronized boolean resync() {
        if (key == null || s3 == null) {
            return false;
        }
        try {
            byte[] bytes = s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(objectKey).build())
                    .asByteArray();
            Gallery g = GalleryCodec.decrypt(bytes, key, doorId);
            // In use before it is cached: a full state disk must not keep revoked badges in the offline gallery.
            gallery = g;
            LOG.info("offline gallery synced: {} badge(s), generated {}", g.badges().size(), g.generatedAt());
            cache(bytes);
            return true;
        } catch (SdkException e) {
            LOG.warn("offline gallery sync failed: {}", Failures.describe(e));
        } catch (GeneralSecurityException e) {
            LOG.error("offline gallery refused (not authentic for this door): {}", Failures.describe(e));
        }
        return false;
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

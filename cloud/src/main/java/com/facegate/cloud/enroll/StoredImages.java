package com.facegate.cloud.enroll;

import com.facegate.cloud.registry.BadgeIds;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.CaptureKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The images {@link BadgeAdmin} reads back while the bucket still holds them: a badge's uploaded enrollment photos
 * (the person's own export, the photo beside a face) and a door's captures (the bucket's lifecycle rule deletes them).
 */
final class StoredImages {
    private final S3Client s3;
    private final String bucket;
    private final Registry registry;

    StoredImages(S3Client s3, String bucket, Registry registry) {
        this.s3 = s3;
        this.bucket = bucket;
        this.registry = registry;
    }

    /** Key → bytes of every photo still under {@code enroll/{badgeId}/}. */
    Map<String, byte[]> enrollmentPhotos(String badgeId) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String key : registry.keys(EnrollmentHandler.PREFIX + BadgeIds.require(badgeId) + "/")) {
            out.put(key, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        }
        return out;
    }

    Optional<byte[]> capture(CaptureKey key) {
        return object(key.key());
    }

    /** The photo whose enrollment record names this face; empty for a face no record of the badge names. */
    Optional<byte[]> enrolledPhoto(String badgeId, String faceId) {
        return registry.enrollments(BadgeIds.require(badgeId)).stream()
                .filter(e -> faceId != null && faceId.equals(e.faceId())).findFirst()
                .flatMap(e -> object(e.photoKey()));
    }

    private Optional<byte[]> object(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}

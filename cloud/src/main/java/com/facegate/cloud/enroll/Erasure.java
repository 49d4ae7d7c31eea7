package com.facegate.cloud.enroll;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What erasing a person deletes: their faces and user in the collection (also faces the registry missed), their
 * enrollment photos and records, their badge document. Idempotent. {@link BadgeAdmin#erase} audits it.
 */
final class Erasure {
    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);
    /** DeleteFaces takes at most this many ids per call. */
    private static final int DELETE_BATCH = 4096;

    private final CloudConfig config;
    private final S3Client s3;
    private final RekognitionClient rekognition;
    private final Registry registry;

    Erasure(CloudConfig config, S3Client s3, RekognitionClient rekognition, Registry registry) {
        this.config = config;
        this.s3 = s3;
        this.rekognition = rekognition;
        this.registry = registry;
    }

    ErasureReport erase(String badgeId) {
        Set<String> faceIds = new LinkedHashSet<>();
        registry.enrollments(badgeId).stream().map(PhotoEnrollment::faceId).filter(f -> f != null)
                .forEach(faceIds::add);
        try {
            // The registry may have missed a face (crash between IndexFaces and the status write): scan too.
            for (Face f : rekognition.listFacesPaginator(b -> b.collectionId(config.collectionId()).maxResults(1000))
                    .faces()) {
                if (badgeId.equals(f.externalImageId()) || badgeId.equals(f.userId())) {
                    faceIds.add(f.faceId());
                }
            }
        } catch (ResourceNotFoundException e) {
            LOG.warn("collection {} not found while erasing badge {}", config.collectionId(), badgeId);
        }
        int facesDeleted = 0;
        boolean userDeleted = false;
        try {
            rekognition.deleteUser(b -> b.collectionId(config.collectionId()).userId(badgeId));
            userDeleted = true;
        } catch (ResourceNotFoundException e) {
            // No user (never enrolled, or erased before).
        }
        List<String> ids = new ArrayList<>(faceIds);
        for (int i = 0; i < ids.size(); i += DELETE_BATCH) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + DELETE_BATCH));
            facesDeleted += rekognition.deleteFaces(b -> b.collectionId(config.collectionId()).faceIds(chunk))
                    .deletedFaces().size();
        }
        int photos = deleteAll(EnrollmentHandler.PREFIX + badgeId + "/");
        int docs = deleteAll(Registry.enrollmentPrefix(badgeId));
        if (registry.badge(badgeId).isPresent()) {
            registry.delete(Registry.badgeKey(badgeId));
            docs++;
        }
        return new ErasureReport(badgeId, facesDeleted, userDeleted, photos, docs);
    }

    private int deleteAll(String prefix) {
        int n = 0;
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(prefix)).contents()) {
            s3.deleteObject(b -> b.bucket(config.bucket()).key(o.key()));
            n++;
        }
        return n;
    }
}

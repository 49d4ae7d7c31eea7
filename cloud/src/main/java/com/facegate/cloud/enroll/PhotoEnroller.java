package com.facegate.cloud.enroll;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.ImageHeader;
import com.facegate.cloud.S3Images;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.ConflictException;
import software.amazon.awssdk.services.rekognition.model.DeleteFacesResponse;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.UnsuccessfulFaceDeletionReason;

/**
 * Turns one uploaded photo under {@code enroll/{badgeId}/} into a reference face for that badge: consent and badge
 * checks, quality gate, duplicate check against OTHER badges, same-person check against the badge's OWN faces (from
 * its second photo on: one badge never carries two people's faces), the photo cap ({@link PhotoKeeper}: the best
 * {@code FACEGATE_MAX_PHOTOS_PER_BADGE} by quality score), IndexFaces (ExternalImageId = badge id), CreateUser +
 * AssociateFaces, and the removal of a photo it replaces (its
 * record stays, REPLACED). The outcome is written to the registry and the audit
 * either way. A photo already enrolled with the same ETag is not indexed twice (at-least-once delivery). Transient
 * Rekognition/S3 errors propagate so the platform retries; enrollment is not time-critical.
 */
public final class PhotoEnroller {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoEnroller.class);
    /** Rekognition's MaxFaces limit: every face above the threshold, so that other badges cannot crowd ours out. */
    static final int OWN_FACE_SEARCH_MAX = 4096;

    private final CloudConfig config;
    private final RekognitionClient rekognition;
    private final S3Images images;
    private final Registry registry;
    private final AuditWriter audit;
    private final PhotoQualityGate gate;
    private final Clock clock;
    private final EnrollmentClaims claims;

    public PhotoEnroller(CloudConfig config, RekognitionClient rekognition, S3Client s3, Registry registry,
                         AuditWriter audit, PhotoQualityGate gate, Clock clock) {
        this(config, rekognition, new S3Images(s3), registry, audit, gate, clock,
                new EnrollmentClaims(s3, config.bucket()));
    }

    private PhotoEnroller(CloudConfig config, RekognitionClient rekognition, S3Images images, Registry registry,
                          AuditWriter audit, PhotoQualityGate gate, Clock clock, EnrollmentClaims claims) {
        this.claims = claims;
        this.config = config;
        this.rekognition = rekognition;
        this.images = images;
        this.registry = registry;
        this.audit = audit;
        this.gate = gate;
        this.clock = clock;
    }

    /** The recorded outcome for this very photo content (same ETag), if any. */
    private Optional<PhotoEnrollment> outcomeFor(String badgeId, String photoKey, String eTag) {
        return registry.enrollment(badgeId, photoKey).filter(e -> eTag != null && eTag.equals(e.photoETag()));
    }

    public PhotoEnrollment enroll(String bucket, String badgeId, String photoKey) {
        Optional<Badge> badge = registry.badge(badgeId);
        if (badge.isEmpty()) {
            return reject(badgeId, photoKey, null, List.of(EnrollmentReasons.BADGE_UNKNOWN), null);
        }
        if (badge.get().consent() == null || !badge.get().consent().isComplete()) {
            return reject(badgeId, photoKey, null, List.of(EnrollmentReasons.NO_CONSENT), null);
        }
        if (badge.get().status() != Badge.Status.ACTIVE) {
            return reject(badgeId, photoKey, null, List.of(EnrollmentReasons.BADGE_REVOKED), null);
        }
        S3Images.Fetched photo = images.fetch(bucket, photoKey);
        switch (photo.status()) {
            case MISSING:
                LOG.info("enrollment photo for badge {} no longer exists; skipped", badgeId);
                return null;
            case EMPTY:
                return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.INVALID_IMAGE), null);
            case TOO_LARGE:
                return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.IMAGE_TOO_LARGE), null);
            default:
                break;
        }
        Optional<PhotoEnrollment> before = outcomeFor(badgeId, photoKey, photo.eTag());
        if (before.isPresent() && before.get().status() == PhotoEnrollment.Status.ENROLLED) {
            LOG.info("enrollment photo for badge {} already enrolled; duplicate delivery skipped", badgeId);
            return before.get();
        }
        if (!claims.claim(badgeId, photoKey, photo.eTag(), clock.instant())) {
            // Another delivery of the same photo is at it (or just finished): skip on its outcome, else retry later.
            // A REPLACED photo's object was deleted: this one is the same content uploaded again, not handled yet.
            Optional<PhotoEnrollment> done = outcomeFor(badgeId, photoKey, photo.eTag())
                    .filter(e -> e.status() != PhotoEnrollment.Status.REPLACED);
            if (done.isPresent()) {
                LOG.info("enrollment photo for badge {} handled by a concurrent delivery; skipped", badgeId);
                return done.get();
            }
            throw new EnrollmentBusyException("enrollment photo of badge " + badgeId
                    + " is being enrolled by another delivery; retry later");
        }
        try {
            return enrollClaimed(bucket, badgeId, photoKey, photo);
        } catch (RuntimeException e) {
            claims.release(badgeId, photoKey); // a failed attempt must not hold its retries off for STALE_AFTER
            throw e;
        }
    }

    /** The rest of {@link #enroll} once this invocation holds the photo's claim. */
    private PhotoEnrollment enrollClaimed(String bucket, String badgeId, String photoKey, S3Images.Fetched photo) {
        ImageHeader header = ImageHeader.read(photo.bytes());
        if (header.check() != ImageHeader.Check.OK) {
            String r = header.check() == ImageHeader.Check.TOO_LARGE ? EnrollmentReasons.IMAGE_TOO_LARGE
                    : EnrollmentReasons.INVALID_IMAGE;
            return reject(badgeId, photoKey, photo.eTag(), List.of(r), null);
        }
        Image image = S3Images.rekognitionImage(bucket, photoKey, photo);
        boolean firstFace = false;
        try {
            List<FaceDetail> faces = rekognition.detectFaces(b -> b.image(image).attributes(Attribute.ALL))
                    .faceDetails();
            List<String> problems = gate.problems(faces, header.height());
            if (!problems.isEmpty()) {
                return reject(badgeId, photoKey, photo.eTag(), problems, null);
            }
            double quality = gate.score(faces);
            Optional<FaceMatch> other = rekognition.searchFacesByImage(b -> b.collectionId(config.collectionId())
                            .image(image).maxFaces(10).faceMatchThreshold(config.duplicateThreshold()))
                    .faceMatches().stream()
                    .filter(m -> m.face() != null && m.face().externalImageId() != null
                            && !badgeId.equals(m.face().externalImageId()))
                    .findFirst();
            if (other.isPresent()) {
                String owner = other.get().face().externalImageId();
                LOG.warn("enrollment photo for badge {} matches badge {}: rejected", badgeId, owner);
                return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.DUPLICATE_OF_OTHER_BADGE),
                        owner);
            }
            Set<String> own = ownFaces(badgeId, photoKey);
            if (own.isEmpty()) {
                boolean claimed = claims.claimFirstFace(badgeId, photoKey, photo.eTag(), clock.instant());
                own = ownFaces(badgeId, photoKey); // the first face may have been recorded meanwhile
                if (!claimed && own.isEmpty()) {
                    throw new EnrollmentBusyException("another photo is becoming the first face of badge " + badgeId
                            + "; retry later");
                }
                firstFace = claimed;
            }
            if (!own.isEmpty() && !matchesOwnFace(image, badgeId, own)) {
                LOG.warn("enrollment photo for badge {} matches none of its {} enrolled face(s): rejected", badgeId,
                        own.size());
                return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.NOT_SAME_PERSON), null);
            }
            PhotoKeeper.Outcome keep = PhotoKeeper.decide(kept(badgeId, photoKey), config.maxPhotosPerBadge(),
                    quality);
            if (keep.kind() == PhotoKeeper.Kind.REFUSE) {
                LOG.info("badge {} keeps {} better photo(s): this one is not added", badgeId,
                        config.maxPhotosPerBadge());
                return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.LOWER_QUALITY_THAN_KEPT),
                        null, quality);
            }
            IndexFacesResponse indexed = rekognition.indexFaces(b -> b.collectionId(config.collectionId())
                    .image(image).externalImageId(badgeId).maxFaces(1).qualityFilter(QualityFilter.NONE));
            if (indexed.faceRecords().isEmpty()) {
                return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.NOT_INDEXED), null);
            }
            String faceId = indexed.faceRecords().get(0).face().faceId();
            try {
                rekognition.createUser(b -> b.collectionId(config.collectionId()).userId(badgeId));
            } catch (ConflictException e) {
                // The user exists already (second photo of the same badge).
            }
            rekognition.associateFaces(b -> b.collectionId(config.collectionId()).userId(badgeId).faceIds(faceId));
            if (keep.kind() == PhotoKeeper.Kind.REPLACE) {
                // After the new face is searchable, so the badge is never left with fewer faces than it had.
                keep.replaced().forEach(r -> removeFace(badgeId, r, photoKey));
            }
            PhotoEnrollment done = new PhotoEnrollment(badgeId, photoKey, photo.eTag(),
                    PhotoEnrollment.Status.ENROLLED, List.of(), faceId, null, clock.instant(), quality);
            registry.putEnrollment(done);
            Map<String, String> details = keep.kind() == PhotoKeeper.Kind.REPLACE
                    ? Map.of("photo", photoRef(photoKey), "replaced", keep.replaced().stream()
                            .map(r -> photoRef(r.photoKey())).collect(Collectors.joining(",")))
                    : Map.of("photo", photoRef(photoKey));
            audit.write(AuditEvent.of(null, AuditEvent.Type.ENROLLED, AuditEvent.SOURCE_CLOUD, clock.instant())
                    .withBadge(badgeId, null).withDetails(details));
            LOG.info("badge {}: photo enrolled{}", badgeId,
                    keep.kind() == PhotoKeeper.Kind.REPLACE ? ", replacing its lowest-quality photo" : "");
            return done;
        } catch (InvalidImageFormatException e) {
            return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.INVALID_IMAGE), null);
        } catch (ImageTooLargeException e) {
            return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.IMAGE_TOO_LARGE), null);
        } catch (InvalidParameterException e) {
            return reject(badgeId, photoKey, photo.eTag(), List.of(EnrollmentReasons.NO_FACE), null);
        } finally {
            if (firstFace) {
                claims.releaseFirstFace(badgeId); // after the outcome is recorded: the next photo compares with it
            }
        }
    }

    /** The badge's enrolled photos other than this one (a re-delivery must not count itself). */
    private List<PhotoEnrollment> kept(String badgeId, String photoKey) {
        return registry.enrollments(badgeId).stream()
                .filter(e -> e.status() == PhotoEnrollment.Status.ENROLLED && e.faceId() != null
                        && !photoKey.equals(e.photoKey()))
                .toList();
    }

    /**
     * Takes a replaced photo out of use: its face leaves the user and the collection, then its photo goes (a photo
     * no longer used is not kept) and its record becomes REPLACED by {@code betterPhotoKey}, last, so that a retry
     * after a failure still finds it ENROLLED and replaces it again. Only that small record stays, for the admin
     * waiting on the photo and the person's page. A face that cannot be deleted throws, so the platform retries.
     */
    private void removeFace(String badgeId, PhotoEnrollment replaced, String betterPhotoKey) {
        String faceId = replaced.faceId();
        rekognition.disassociateFaces(b -> b.collectionId(config.collectionId()).userId(badgeId).faceIds(faceId));
        DeleteFacesResponse deleted = rekognition.deleteFaces(b -> b.collectionId(config.collectionId())
                .faceIds(faceId));
        boolean gone = deleted.deletedFaces().contains(faceId) || deleted.unsuccessfulFaceDeletions().stream()
                .anyMatch(u -> u.reasons().contains(UnsuccessfulFaceDeletionReason.FACE_NOT_FOUND));
        if (!gone) {
            throw new IllegalStateException("face of a replaced photo of badge " + badgeId + " was not deleted");
        }
        images.delete(config.bucket(), replaced.photoKey());
        registry.putEnrollment(replaced.replaced(betterPhotoKey, clock.instant()));
        claims.release(badgeId, replaced.photoKey()); // the photo is gone: the same content uploaded again is new
    }

    /** The badge's enrolled faces other than this photo's own (a re-delivery must not compare with itself). */
    private Set<String> ownFaces(String badgeId, String photoKey) {
        return registry.enrollments(badgeId).stream()
                .filter(e -> e.status() == PhotoEnrollment.Status.ENROLLED && e.faceId() != null
                        && !photoKey.equals(e.photoKey()))
                .map(PhotoEnrollment::faceId).collect(Collectors.toSet());
    }

    /**
     * Whether the photo's face matches one of the badge's own faces at the same-person threshold. SearchFacesByImage
     * cannot filter by badge, so it asks for many matches and keeps the badge's own (by face id or ExternalImageId).
     */
    private boolean matchesOwnFace(Image image, String badgeId, Set<String> ownFaceIds) {
        return rekognition.searchFacesByImage(b -> b.collectionId(config.collectionId()).image(image)
                        .maxFaces(OWN_FACE_SEARCH_MAX).faceMatchThreshold(config.samePersonThreshold()))
                .faceMatches().stream()
                .anyMatch(m -> m.face() != null && (ownFaceIds.contains(m.face().faceId())
                        || badgeId.equals(m.face().externalImageId())));
    }

    private PhotoEnrollment reject(String badgeId, String photoKey, String eTag, List<String> reasons,
                                   String duplicateOf) {
        return reject(badgeId, photoKey, eTag, reasons, duplicateOf, null);
    }

    /** {@code quality}: the photo's score when it passed the gate (a refusal for quality shows what it scored). */
    private PhotoEnrollment reject(String badgeId, String photoKey, String eTag, List<String> reasons,
                                   String duplicateOf, Double quality) {
        PhotoEnrollment r = new PhotoEnrollment(badgeId, photoKey, eTag, PhotoEnrollment.Status.REJECTED, reasons,
                null, duplicateOf, clock.instant(), quality);
        if (!reasons.contains(EnrollmentReasons.BADGE_UNKNOWN)) {
            registry.putEnrollment(r);
        }
        Map<String, String> details = duplicateOf == null
                ? Map.of("photo", photoRef(photoKey), "reasons", String.join(",", reasons))
                : Map.of("photo", photoRef(photoKey), "reasons", String.join(",", reasons), "duplicateOf", duplicateOf);
        audit.write(AuditEvent.of(null, AuditEvent.Type.ENROLLMENT_REJECTED, AuditEvent.SOURCE_CLOUD, clock.instant())
                .withBadge(badgeId, null).withReason(String.join(",", reasons)).withDetails(details));
        LOG.info("badge {}: photo rejected {}", badgeId, reasons);
        return r;
    }

    /** Photo file names may carry a person's name: audit and logs get a hash of the key instead. */
    static String photoRef(String photoKey) {
        return Registry.photoHash(photoKey);
    }
}

package com.facegate.cloud.enroll;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.ImageHeader;
import com.facegate.cloud.registry.BadgeIds;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An enrollment's request checked and its photos uploaded to {@code enroll/{badgeId}/}, where the S3 notification
 * hands each to {@link EnrollmentHandler}. Keys are named by content, so uploading the same photo again writes the
 * same key (a bulk import re-run can tell what it already did). A photo can also be put to the enrollment's gate
 * before it is submitted (the console's live webcam feedback).
 */
final class PhotoUploads {
    private static final PhotoQualityGate QUALITY_GATE = new PhotoQualityGate(PhotoQualityGate.Limits.defaults());

    private final S3Client s3;
    private final String bucket;
    private final RekognitionClient rekognition;

    PhotoUploads(S3Client s3, String bucket, RekognitionClient rekognition) {
        this.s3 = s3;
        this.bucket = bucket;
        this.rekognition = rekognition;
    }

    /** Every rule an enrollment must meet before anything is written; the first one broken is the error. */
    static void check(EnrollmentRequest request, List<EnrollmentPhoto> photos) {
        BadgeIds.require(request.badgeId());
        if (request.consent() == null || !request.consent().isComplete()) {
            throw new IllegalArgumentException("enrollment refused: consent (at, noticeVersion, enrolledBy) is "
                    + "required");
        }
        if (request.validUntil() == null || (request.validFrom() != null
                && !request.validUntil().isAfter(request.validFrom()))) {
            throw new IllegalArgumentException("validUntil is required and must be after validFrom");
        }
        if (photos == null || photos.isEmpty()) {
            throw new IllegalArgumentException("at least one photo is required");
        }
        for (EnrollmentPhoto p : photos) {
            if (p.bytes() == null || p.bytes().length > CloudConfig.MAX_IMAGE_BYTES
                    || !(ImageHeader.isJpeg(p.bytes()) || ImageHeader.isPng(p.bytes()))) {
                throw new IllegalArgumentException("photo is not a JPEG/PNG of at most 15 MB");
            }
        }
    }

    /** What {@link BadgeAdmin#checkPhoto} answers: the enrollment gate's reasons for this photo, nothing stored. */
    List<String> gateProblems(byte[] photo) {
        ImageHeader header = ImageHeader.read(photo);
        if (header.check() != ImageHeader.Check.OK) {
            return List.of(header.check() == ImageHeader.Check.TOO_LARGE ? EnrollmentReasons.IMAGE_TOO_LARGE
                    : EnrollmentReasons.INVALID_IMAGE);
        }
        return QUALITY_GATE.problems(rekognition.detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromByteArrayUnsafe(
                photo))).attributes(Attribute.ALL)).faceDetails(), header.height());
    }

    /** Uploads each photo; the keys written, in order. */
    List<String> upload(String badgeId, List<EnrollmentPhoto> photos) {
        List<String> keys = new ArrayList<>();
        for (EnrollmentPhoto p : photos) {
            String key = key(badgeId, p.bytes());
            String ext = key.substring(key.lastIndexOf('.'));
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(ext.equals(".png") ? "image/png" : "image/jpeg"),
                    RequestBody.fromBytes(p.bytes()));
            keys.add(key);
        }
        return keys;
    }

    static String key(String badgeId, byte[] photo) {
        String ext = ImageHeader.isPng(photo) ? ".png" : ".jpg";
        return EnrollmentHandler.PREFIX + BadgeIds.require(badgeId) + "/photo-" + sha256(photo).substring(0, 16) + ext;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

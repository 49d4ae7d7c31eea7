package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The outcome for one enrollment photo, at {@code registry/enrollment/{badgeId}/{photoHash}.json}: one document per
 * photo so that concurrent photo events never overwrite each other. Holds the Rekognition face id (needed to erase)
 * and, for a photo that passed the quality gate, its quality score ({@code PhotoQualityGate#score}; absent on
 * records written before it existed): the badge keeps its best photos by it. {@code at} is when this outcome was
 * recorded. A photo a better one took the place of is {@link Status#REPLACED}: its face and its photo are gone (no
 * face id), and {@code replacedBy} names the better photo's key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhotoEnrollment(String badgeId, String photoKey, String photoETag, Status status, List<String> reasons,
                              String faceId, String duplicateOfBadge, Instant at, Double quality, String replacedBy) {
    /** REPLACED is never an enrolled face: only ENROLLED records stand for a face in the collection. */
    public enum Status { ENROLLED, REJECTED, REPLACED }

    public PhotoEnrollment {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** An ENROLLED or REJECTED outcome (nothing replaced it). */
    public PhotoEnrollment(String badgeId, String photoKey, String photoETag, Status status, List<String> reasons,
                           String faceId, String duplicateOfBadge, Instant at, Double quality) {
        this(badgeId, photoKey, photoETag, status, reasons, faceId, duplicateOfBadge, at, quality, null);
    }

    /** This enrolled photo's record once {@code betterPhotoKey} took its place at {@code when}: no face left. */
    public PhotoEnrollment replaced(String betterPhotoKey, Instant when) {
        return new PhotoEnrollment(badgeId, photoKey, photoETag, Status.REPLACED, List.of(), null, null, when, quality,
                betterPhotoKey);
    }
}

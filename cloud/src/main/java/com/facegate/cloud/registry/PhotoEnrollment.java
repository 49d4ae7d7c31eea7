package com.facegate.cloud.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The outcome for one enrollment photo, at {@code registry/enrollment/{badgeId}/{photoHash}.json}: one document per
 * photo so that concurrent photo events never overwrite each other. Holds the Rekognition face id (needed to erase)
 * and, for a photo that passed the quality gate, its quality score ({@code PhotoQualityGate#score}; absent on
 * records written before it existed): the badge keeps its best photos by it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PhotoEnrollment(String badgeId, String photoKey, String photoETag, Status status, List<String> reasons,
                              String faceId, String duplicateOfBadge, Instant at, Double quality) {
    public enum Status { ENROLLED, REJECTED }

    public PhotoEnrollment {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}

package com.facegate.cli.admin;

import com.facegate.cloud.registry.PhotoEnrollment;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;

/**
 * Do a badge's photos show one person? The enrollment handler only checks new faces against OTHER badges, so a
 * wrong photo in a bulk folder would silently let a second person in with this badge. A newly enrolled face that
 * matches none of the badge's other faces (SearchFaces by face id) is reported.
 */
final class SamePersonCheck {
    /** Calibrated similarity; on the local engine 90 is LFW's 1-in-1000 false-accept point. */
    static final float MIN_SIMILARITY = 90f;

    private SamePersonCheck() {}

    /** The new faces (ENROLLED) that match no other face of the badge; empty when the badge has one face only. */
    static List<PhotoEnrollment> strangers(RekognitionClient rekognition, String collectionId,
            Collection<PhotoEnrollment> added, List<PhotoEnrollment> allOfBadge) {
        Set<String> badgeFaces = allOfBadge.stream().filter(SamePersonCheck::enrolled).map(PhotoEnrollment::faceId)
                .collect(Collectors.toSet());
        if (badgeFaces.size() < 2) {
            return List.of();
        }
        return added.stream().filter(SamePersonCheck::enrolled).filter(e -> {
            List<FaceMatch> matches = rekognition.searchFaces(b -> b.collectionId(collectionId).faceId(e.faceId())
                    .faceMatchThreshold(MIN_SIMILARITY).maxFaces(4096)).faceMatches();
            return matches.stream().noneMatch(m -> m.face() != null && !e.faceId().equals(m.face().faceId())
                    && badgeFaces.contains(m.face().faceId()));
        }).toList();
    }

    private static boolean enrolled(PhotoEnrollment e) {
        return e.status() == PhotoEnrollment.Status.ENROLLED && e.faceId() != null;
    }
}

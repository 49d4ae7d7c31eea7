package com.facegate.cli.admin;

import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.cloud.registry.PhotoEnrollment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The quality gate's reason codes, with what the admin should do about each. */
final class EnrollmentHints {
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry(EnrollmentReasons.NO_FACE, "no face found"),
            Map.entry(EnrollmentReasons.MULTIPLE_FACES, "more than one face: crop to one person"),
            Map.entry(EnrollmentReasons.POSE, "face turned away: look at the camera"),
            Map.entry(EnrollmentReasons.FACE_TOO_SMALL, "face too small: move closer"),
            Map.entry(EnrollmentReasons.BLURRY, "blurry: hold still, focus"),
            Map.entry(EnrollmentReasons.TOO_DARK, "too dark"),
            Map.entry(EnrollmentReasons.TOO_BRIGHT, "too bright"),
            Map.entry(EnrollmentReasons.INVALID_IMAGE, "not a readable image"),
            Map.entry(EnrollmentReasons.IMAGE_TOO_LARGE, "image too large"),
            Map.entry(EnrollmentReasons.DUPLICATE_OF_OTHER_BADGE, "this face is already enrolled on another badge"),
            Map.entry(EnrollmentReasons.NOT_SAME_PERSON,
                    "matches none of the badge's enrolled faces: is it the same person?"),
            Map.entry(EnrollmentReasons.BADGE_REVOKED, "badge is revoked"),
            Map.entry(EnrollmentReasons.NO_CONSENT, "no consent recorded"),
            Map.entry(EnrollmentReasons.BADGE_UNKNOWN, "badge unknown"),
            Map.entry(EnrollmentReasons.NOT_INDEXED, "face could not be indexed"));

    private EnrollmentHints() {}

    /** {@code OK  face 1a2b...} or {@code REJECTED  BLURRY (blurry: hold still, focus), ...}. */
    static String outcome(PhotoEnrollment e) {
        if (e.status() == PhotoEnrollment.Status.ENROLLED) {
            return "OK        face " + e.faceId();
        }
        return "REJECTED  " + explain(e.reasons())
                + (e.duplicateOfBadge() == null ? "" : " (badge " + e.duplicateOfBadge() + ")");
    }

    static String explain(List<String> reasons) {
        if (reasons.isEmpty()) {
            return "no reason given";
        }
        return reasons.stream().map(r -> HINTS.containsKey(r) ? r + " (" + HINTS.get(r) + ")" : Table.oneLine(r))
                .collect(Collectors.joining(", "));
    }
}

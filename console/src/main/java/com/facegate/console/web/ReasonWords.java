package com.facegate.console.web;

import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.protocol.Reasons;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reason codes of the cloud and the doors in plain words for the facilities desk. Unknown codes are shown as-is. */
public final class ReasonWords {
    private static final Map<String, String> ENROLLMENT = Map.ofEntries(
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
            Map.entry(EnrollmentReasons.NOT_INDEXED, "face could not be indexed"),
            Map.entry(EnrollmentReasons.LOWER_QUALITY_THAN_KEPT,
                    "the badge already keeps its maximum of better photos"));

    private static final Map<String, String> DECISION = Map.ofEntries(
            Map.entry(Reasons.MATCHED, "recognised"),
            Map.entry(Reasons.NO_MATCH, "face not recognised"),
            Map.entry(Reasons.NO_FACE, "no face in the picture"),
            Map.entry(Reasons.MULTIPLE_FACES, "more than one face"),
            Map.entry(Reasons.LOW_LIVENESS, "looked like a photo or screen (liveness too low)"),
            Map.entry(Reasons.LOW_QUALITY, "picture too poor to decide"),
            Map.entry(Reasons.BADGE_UNKNOWN, "badge not in the registry"),
            Map.entry(Reasons.BADGE_REVOKED, "badge revoked"),
            Map.entry(Reasons.BADGE_NOT_YET_VALID, "badge not valid yet"),
            Map.entry(Reasons.BADGE_EXPIRED, "badge expired"),
            Map.entry(Reasons.DOOR_NOT_ALLOWED, "not allowed at this door"),
            Map.entry(Reasons.OUTSIDE_SCHEDULE, "outside the door's schedule"),
            Map.entry(Reasons.UNKNOWN_DOOR, "door not in the registry"),
            Map.entry(Reasons.INVALID_IMAGE, "unreadable picture"),
            Map.entry(Reasons.IMAGE_TOO_LARGE, "picture too large"),
            Map.entry(Reasons.RECOGNITION_UNAVAILABLE, "face recognition unavailable (fail secure)"),
            Map.entry(Reasons.REGISTRY_UNAVAILABLE, "registry unavailable (fail secure)"),
            Map.entry(Reasons.LOCKDOWN, "door in lock-down"),
            Map.entry(Reasons.EXPIRED, "answer arrived too late"),
            Map.entry(Reasons.DEADLINE_PASSED, "answer arrived too late"),
            Map.entry(Reasons.NOT_YET_VALID, "message dated ahead of the door's clock"),
            Map.entry(Reasons.ONCE_ONLY_MEMORY_FULL, "door's replay memory full: refused rather than forget"),
            Map.entry(Reasons.ONCE_ONLY_WRITE_FAILED, "door could not record the answer as used (disk): refused"),
            Map.entry(Reasons.SECOND_FACE_AFTER_GRANT, "another face while the door was open after a grant"),
            Map.entry(Reasons.ETAG_MISMATCH, "announced picture is not the stored one"),
            Map.entry(Reasons.UPLOAD_FAILED, "door could not upload the picture"),
            Map.entry(Reasons.NO_DECISION, "no answer before the door's deadline"),
            Map.entry(Reasons.FACTOR_TIMEOUT, "card shown but no face captured in time (camera down?)"),
            Map.entry(Reasons.CARD_NOT_TAKEN, "card shown while this door takes faces only; not used"),
            Map.entry(Reasons.DUPLICATE, "already acted on (replay)"),
            Map.entry(Reasons.UNKNOWN_CAPTURE, "answer for a capture the door did not send"),
            Map.entry(Reasons.MALFORMED, "malformed message"),
            Map.entry(Reasons.WRONG_DOOR, "meant for another door"),
            Map.entry(Reasons.OFFLINE_DENY_ALL, "door offline: denies everyone"),
            Map.entry(Reasons.CARD_REQUIRED, "this door needs a card too"),
            Map.entry(Reasons.PIN_REQUIRED, "this door needs a PIN too"),
            Map.entry(Reasons.FACE_REQUIRED, "this door needs a face too: none in the picture"),
            Map.entry(Reasons.FACE_CARD_MISMATCH, "the face is not the card holder's"),
            Map.entry(Reasons.UNKNOWN_CARD, "card not in the registry"),
            Map.entry(Reasons.WRONG_PIN, "wrong PIN"),
            Map.entry(Reasons.PIN_LOCKED, "PIN locked after too many wrong PINs: an admin must unlock it"),
            Map.entry(Reasons.PIN_NOT_SET, "this badge has no PIN yet"),
            Map.entry(Reasons.BAD_CARD, "unreadable card number"),
            Map.entry(Reasons.BAD_PIN_SEAL, "PIN not sealed for this visit (replayed, stale or corrupt)"),
            Map.entry(Reasons.DURESS, "duress PIN used: silent alarm"));

    private ReasonWords() {}

    /** {@code BLURRY (blurry: hold still, focus), ...}. */
    public static String enrollment(List<String> reasons) {
        if (reasons == null || reasons.isEmpty()) {
            return "";
        }
        return reasons.stream().map(r -> ENROLLMENT.containsKey(r) ? r + " (" + ENROLLMENT.get(r) + ")" : r)
                .collect(Collectors.joining(", "));
    }

    /** A REPLACED photo in words: which photo took its place (by the last part of its key). */
    public static String replacedBy(String photoKey) {
        return "replaced by a better photo" + (photoKey == null ? ""
                : " (" + photoKey.substring(photoKey.lastIndexOf('/') + 1) + ")") + ": its face and file are deleted";
    }

    /** A decision's or door event's reason code in words, e.g. {@code face not recognised}; null stays empty. */
    public static String decision(String reason) {
        if (reason == null) {
            return "";
        }
        String words = DECISION.get(reason);
        return words == null ? reason : words;
    }
}

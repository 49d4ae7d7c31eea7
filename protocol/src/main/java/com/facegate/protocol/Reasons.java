package com.facegate.protocol;

/**
 * Reason codes carried by decisions and audit records. Codes, not prose, so that audit queries and alarms can
 * match on them; new codes may appear, so readers treat an unknown code as an opaque string.
 */
public final class Reasons {
    public static final String MATCHED = "MATCHED";
    public static final String NO_MATCH = "NO_MATCH";
    public static final String NO_FACE = "NO_FACE";
    public static final String MULTIPLE_FACES = "MULTIPLE_FACES";
    public static final String LOW_LIVENESS = "LOW_LIVENESS";
    public static final String LOW_QUALITY = "LOW_QUALITY";
    public static final String BADGE_UNKNOWN = "BADGE_UNKNOWN";
    public static final String BADGE_REVOKED = "BADGE_REVOKED";
    public static final String BADGE_NOT_YET_VALID = "BADGE_NOT_YET_VALID";
    public static final String BADGE_EXPIRED = "BADGE_EXPIRED";
    public static final String DOOR_NOT_ALLOWED = "DOOR_NOT_ALLOWED";
    public static final String OUTSIDE_SCHEDULE = "OUTSIDE_SCHEDULE";
    public static final String UNKNOWN_DOOR = "UNKNOWN_DOOR";
    public static final String INVALID_IMAGE = "INVALID_IMAGE";
    public static final String IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE";
    public static final String RECOGNITION_UNAVAILABLE = "RECOGNITION_UNAVAILABLE";
    public static final String REGISTRY_UNAVAILABLE = "REGISTRY_UNAVAILABLE";
    public static final String LOCKDOWN = "LOCKDOWN";
    public static final String EXPIRED = "EXPIRED";
    /** A command or decision issued later than the door's clock allows (beyond the clock skew). */
    public static final String NOT_YET_VALID = "NOT_YET_VALID";
    /**
     * The door's once-only memory is full of ids still inside their window: it refuses rather than forget one
     * (forgetting would let that message be replayed).
     */
    public static final String ONCE_ONLY_MEMORY_FULL = "ONCE_ONLY_MEMORY_FULL";
    /**
     * The door could not write a decision or command id to its once-only memory (full or failing state disk): it
     * does not act on it (DENIED for a decision, IGNORED for a command), since an unrecorded id could be replayed.
     */
    public static final String ONCE_ONLY_WRITE_FAILED = "ONCE_ONLY_WRITE_FAILED";
    public static final String DEADLINE_PASSED = "DEADLINE_PASSED";
    /** TAILGATE_SUSPECTED: someone else's face within the door's open window after a face grant. */
    public static final String SECOND_FACE_AFTER_GRANT = "SECOND_FACE_AFTER_GRANT";
    public static final String DUPLICATE = "DUPLICATE";
    public static final String UNKNOWN_CAPTURE = "UNKNOWN_CAPTURE";
    /** A capture announced with an ETag that is not the stored object's: the announcement is not trusted. */
    public static final String ETAG_MISMATCH = "ETAG_MISMATCH";
    public static final String MALFORMED = "MALFORMED";
    public static final String WRONG_DOOR = "WRONG_DOOR";
    public static final String OFFLINE_DENY_ALL = "OFFLINE_DENY_ALL";
    /** A visit the door denied itself: its capture could not be uploaded (S3 unreachable or refusing). */
    public static final String UPLOAD_FAILED = "UPLOAD_FAILED";
    /** A visit the door denied itself: its capture was uploaded but no decision came before the deadline. */
    public static final String NO_DECISION = "NO_DECISION";
    /** A visit the door denied itself: a card (and PIN) was presented but no capture took it (camera down). */
    public static final String FACTOR_TIMEOUT = "FACTOR_TIMEOUT";
    /**
     * A card the door did not use (IGNORED, details {@code mode}): its gallery says the door's mode then takes no
     * card (FACE: the face alone decides), so no capture was started for it.
     */
    public static final String CARD_NOT_TAKEN = "CARD_NOT_TAKEN";

    /** The door's mode needs a card and none came with the capture. */
    public static final String CARD_REQUIRED = "CARD_REQUIRED";
    /** The door's mode needs a PIN and none came with the capture. */
    public static final String PIN_REQUIRED = "PIN_REQUIRED";
    /** The door's mode needs a face and none was found in the capture. */
    public static final String FACE_REQUIRED = "FACE_REQUIRED";
    /** A card was presented, but the face is not one of that card's badge's faces above the 1:1 threshold. */
    public static final String FACE_CARD_MISMATCH = "FACE_CARD_MISMATCH";
    /** The card presented is held by no badge. */
    public static final String UNKNOWN_CARD = "UNKNOWN_CARD";
    /** The PIN does not match the badge's (counted towards its lock-out). */
    public static final String WRONG_PIN = "WRONG_PIN";
    /** The badge's PIN is locked after too many wrong PINs; even the right one is refused until an admin unlocks. */
    public static final String PIN_LOCKED = "PIN_LOCKED";
    /** The badge has no PIN set but the door's mode needs one. */
    public static final String PIN_NOT_SET = "PIN_NOT_SET";
    /** The card metadata on the capture is not a card number (details: problem). */
    public static final String BAD_CARD = "BAD_CARD";
    /** The sealed PIN cannot be opened, or is bound to another door or capture, or is too old (details: problem). */
    public static final String BAD_PIN_SEAL = "BAD_PIN_SEAL";
    /** A duress PIN opened the door: the decision looks like any grant, this audit event is the silent alarm. */
    public static final String DURESS = "DURESS";

    private Reasons() {}
}

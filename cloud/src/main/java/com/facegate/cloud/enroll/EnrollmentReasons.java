package com.facegate.cloud.enroll;

/** Why an enrollment photo was refused. Codes (not prose), reported per photo in the registry and audit. */
public final class EnrollmentReasons {
    public static final String BADGE_UNKNOWN = "BADGE_UNKNOWN";
    public static final String BADGE_REVOKED = "BADGE_REVOKED";
    public static final String NO_CONSENT = "NO_CONSENT";
    public static final String INVALID_IMAGE = "INVALID_IMAGE";
    public static final String IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE";
    public static final String NO_FACE = "NO_FACE";
    public static final String MULTIPLE_FACES = "MULTIPLE_FACES";
    public static final String POSE = "POSE_OUT_OF_RANGE";
    public static final String FACE_TOO_SMALL = "FACE_TOO_SMALL";
    public static final String BLURRY = "BLURRY";
    public static final String TOO_DARK = "TOO_DARK";
    public static final String TOO_BRIGHT = "TOO_BRIGHT";
    public static final String DUPLICATE_OF_OTHER_BADGE = "DUPLICATE_OF_OTHER_BADGE";
    /** A badge's second or later photo that matches none of the badge's own enrolled faces: another person. */
    public static final String NOT_SAME_PERSON = "NOT_SAME_PERSON";
    public static final String NOT_INDEXED = "NOT_INDEXED";

    private EnrollmentReasons() {}
}

package com.facegate.cloud.enroll;

import com.facegate.protocol.Reasons;

/**
 * Why an enrollment photo was refused. Codes (not prose), reported per photo in the registry and audit. Where a
 * refusal means what a door decision's reason means, it is the same {@link Reasons} code, so one audit query
 * matches both.
 */
public final class EnrollmentReasons {
    public static final String BADGE_UNKNOWN = Reasons.BADGE_UNKNOWN;
    public static final String BADGE_REVOKED = Reasons.BADGE_REVOKED;
    public static final String INVALID_IMAGE = Reasons.INVALID_IMAGE;
    public static final String IMAGE_TOO_LARGE = Reasons.IMAGE_TOO_LARGE;
    public static final String NO_FACE = Reasons.NO_FACE;
    public static final String MULTIPLE_FACES = Reasons.MULTIPLE_FACES;

    public static final String NO_CONSENT = "NO_CONSENT";
    public static final String POSE = "POSE_OUT_OF_RANGE";
    public static final String FACE_TOO_SMALL = "FACE_TOO_SMALL";
    public static final String BLURRY = "BLURRY";
    public static final String TOO_DARK = "TOO_DARK";
    public static final String TOO_BRIGHT = "TOO_BRIGHT";
    public static final String DUPLICATE_OF_OTHER_BADGE = "DUPLICATE_OF_OTHER_BADGE";
    /** A badge's second or later photo that matches none of the badge's own enrolled faces: another person. */
    public static final String NOT_SAME_PERSON = "NOT_SAME_PERSON";
    public static final String NOT_INDEXED = "NOT_INDEXED";
    /** The badge keeps its maximum of photos and this one scores no higher than the worst of them (PhotoKeeper). */
    public static final String LOWER_QUALITY_THAN_KEPT = "LOWER_QUALITY_THAN_KEPT";

    private EnrollmentReasons() {}
}

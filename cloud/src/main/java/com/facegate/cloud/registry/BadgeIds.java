package com.facegate.cloud.registry;

import com.facegate.protocol.Sanitize;
import java.util.regex.Pattern;

/**
 * Badge ids name S3 key segments and are the Rekognition ExternalImageId/UserId, whose alphabet is
 * {@code [a-zA-Z0-9_.\-:]}; so badge ids use that alphabet, starting with a letter or digit.
 */
public final class BadgeIds {
    private static final Pattern BADGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private BadgeIds() {}

    public static boolean isValid(String badgeId) {
        return badgeId != null && BADGE_ID.matcher(badgeId).matches();
    }

    public static String require(String badgeId) {
        if (!isValid(badgeId)) {
            throw new IllegalArgumentException("invalid badge id: " + Sanitize.forLog(badgeId));
        }
        return badgeId;
    }
}

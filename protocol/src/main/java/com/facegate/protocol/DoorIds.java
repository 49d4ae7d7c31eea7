package com.facegate.protocol;

import java.util.regex.Pattern;

/** Door ids name MQTT topics, S3 key segments and certificate identities, so their alphabet is small. */
public final class DoorIds {
    /** Letters, digits, space and {@code . _ : -}; never MQTT wildcards or the topic separator. */
    private static final Pattern DOOR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:-]{0,127}");
    /** AWS IoT thing names are stricter (no space, no dot): doors that run against AWS must use these. */
    private static final Pattern THING_NAME = Pattern.compile("[A-Za-z0-9_:-]{1,128}");

    private DoorIds() {}

    public static boolean isValid(String doorId) {
        return doorId != null && DOOR_ID.matcher(doorId).matches() && !doorId.endsWith(" ");
    }

    public static boolean isValidThingName(String doorId) {
        return doorId != null && THING_NAME.matcher(doorId).matches();
    }

    public static String require(String doorId) {
        if (!isValid(doorId)) {
            throw new IllegalArgumentException("invalid door id: " + Sanitize.forLog(doorId));
        }
        return doorId;
    }
}

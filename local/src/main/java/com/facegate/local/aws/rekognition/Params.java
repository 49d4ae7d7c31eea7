package com.facegate.local.aws.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Typed, validated access to one JSON request body; every violation is an InvalidParameterException. */
final class Params {
    static final Pattern COLLECTION_ID = Pattern.compile("[a-zA-Z0-9_.\\-]{1,255}");
    static final Pattern EXTERNAL_ID = Pattern.compile("[a-zA-Z0-9_.\\-:]{1,255}");
    static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9_.\\-:]{1,128}");
    static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    static final Pattern FACE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final JsonNode body;

    Params(JsonNode body) {
        this.body = body;
    }

    JsonNode node(String name) {
        JsonNode n = body.get(name);
        return n == null || n.isNull() ? null : n;
    }

    String string(String name, Pattern pattern) {
        String s = optString(name, pattern);
        if (s == null) {
            throw RekognitionErrors.invalidParameter(name + " is required.");
        }
        return s;
    }

    String optString(String name, Pattern pattern) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw RekognitionErrors.invalidParameter(name + " must be a string.");
        }
        String s = n.textValue();
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw RekognitionErrors.invalidParameter(name + " does not satisfy the constraint " + pattern.pattern());
        }
        return s;
    }

    int optInt(String name, int min, int max, int dflt) {
        JsonNode n = node(name);
        if (n == null) {
            return dflt;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < min || n.intValue() > max) {
            throw RekognitionErrors.invalidParameter(name + " must be an integer between " + min + " and " + max + ".");
        }
        return n.intValue();
    }

    float optFloat(String name, float min, float max, float dflt) {
        JsonNode n = node(name);
        if (n == null) {
            return dflt;
        }
        if (!n.isNumber() || n.floatValue() < min || n.floatValue() > max || Float.isNaN(n.floatValue())) {
            throw RekognitionErrors.invalidParameter(name + " must be a number between " + min + " and " + max + ".");
        }
        return n.floatValue();
    }

    List<String> stringList(String name, Pattern pattern, int minSize, int maxSize) {
        JsonNode n = node(name);
        List<String> out = new ArrayList<>();
        if (n != null) {
            if (!n.isArray()) {
                throw RekognitionErrors.invalidParameter(name + " must be a list.");
            }
            for (JsonNode e : n) {
                if (!e.isTextual() || (pattern != null && !pattern.matcher(e.textValue()).matches())) {
                    throw RekognitionErrors.invalidParameter(name + " contains an invalid value.");
                }
                out.add(e.textValue());
            }
        }
        if (out.size() < minSize || out.size() > maxSize) {
            throw RekognitionErrors.invalidParameter(name + " must have between " + minSize + " and " + maxSize
                    + " members.");
        }
        return out;
    }

    /** One of the allowed enum values, or the default when absent. */
    String optEnum(String name, String dflt, String... allowed) {
        String s = optString(name, null);
        if (s == null) {
            return dflt;
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw RekognitionErrors.invalidParameter(name + " must be one of " + String.join(", ", allowed) + ".");
    }

    /** Attributes / DetectionAttributes (up to the model's 14 enum values, repeats allowed by the list). */
    FaceAttributes attributes(String name) {
        return FaceAttributes.parse(name, stringList(name, null, 0, 20));
    }
}

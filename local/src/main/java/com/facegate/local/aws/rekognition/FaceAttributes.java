package com.facegate.local.aws.rekognition;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The facial attributes a DetectFaces / IndexFaces caller asked for ({@code Attributes} / {@code
 * DetectionAttributes}), as Rekognition reads them: BoundingBox, Confidence, Landmarks, Pose and Quality always;
 * each named attribute in addition ({@code ["AGE_RANGE"]} is the default set plus AgeRange); {@code ALL} all of
 * them. Values outside the model's {@code Attribute} enum are an InvalidParameterException.
 */
final class FaceAttributes {
    /** botocore's {@code Attribute} enum (service-2.json, 2016-06-27), DEFAULT and ALL aside. */
    enum Name { AGE_RANGE, BEARD, EMOTIONS, EYE_DIRECTION, EYEGLASSES, EYES_OPEN, GENDER, MOUTH_OPEN, MUSTACHE,
        FACE_OCCLUDED, SMILE, SUNGLASSES }

    static final FaceAttributes DEFAULT = new FaceAttributes(EnumSet.noneOf(Name.class));

    private final Set<Name> names;

    private FaceAttributes(Set<Name> names) {
        this.names = names;
    }

    static FaceAttributes parse(String parameter, List<String> values) {
        EnumSet<Name> names = EnumSet.noneOf(Name.class);
        for (String v : values) {
            if (v.equals("ALL")) {
                names = EnumSet.allOf(Name.class);
            } else if (!v.equals("DEFAULT")) {
                names.add(name(parameter, v));
            }
        }
        return new FaceAttributes(names);
    }

    private static Name name(String parameter, String value) {
        for (Name n : Name.values()) {
            if (n.name().equals(value)) {
                return n;
            }
        }
        throw RekognitionErrors.invalidParameter(parameter + " contains '" + value.substring(0,
                Math.min(value.length(), 32)) + "', which is not one of DEFAULT, ALL, " + List.of(Name.values())
                .toString().replaceAll("[\\[\\]]", "") + ".");
    }

    /** True when anything beyond the default set was asked for: the engine must run its attribute networks. */
    boolean needsAttributeModels() {
        return !names.isEmpty();
    }

    boolean wants(Name n) {
        return names.contains(n);
    }
}

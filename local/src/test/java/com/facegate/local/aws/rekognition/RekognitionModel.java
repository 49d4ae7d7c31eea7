package com.facegate.local.aws.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The response shapes of the operations our endpoint implements, as botocore's Rekognition service model
 * (botocore/data/rekognition/2016-06-27/service-2.json) states them: member names, types, enums, patterns and
 * ranges, written out here by hand. {@link #check} lists every way a raw JSON body departs from a shape; the only
 * members allowed beyond the model are our documented liveness extras.
 */
final class RekognitionModel {
    /** A shape: checks one JSON value at a path, adding problems. */
    interface Shape {
        void check(String path, JsonNode value, List<String> problems);
    }

    private RekognitionModel() {}

    static final Set<String> EXTRAS = Set.of("Liveness", "SearchedFaceLiveness");

    static Shape string(String pattern, int min, int max) {
        Pattern p = pattern == null ? null : Pattern.compile(pattern);
        return (path, v, problems) -> {
            if (!v.isTextual()) {
                problems.add(path + ": not a string");
            } else if (v.textValue().length() < min || v.textValue().length() > max
                    || (p != null && !p.matcher(v.textValue()).matches())) {
                problems.add(path + ": '" + v.textValue() + "' breaks " + pattern + " {" + min + "," + max + "}");
            }
        };
    }

    static Shape enumOf(String... values) {
        Set<String> allowed = Set.of(values);
        return (path, v, problems) -> {
            if (!v.isTextual() || !allowed.contains(v.textValue())) {
                problems.add(path + ": " + v + " is not one of " + allowed);
            }
        };
    }

    static Shape number(double min, double max) {
        return (path, v, problems) -> {
            if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
                problems.add(path + ": " + v + " is not a number in [" + min + ", " + max + "]");
            }
        };
    }

    static Shape integer(long min, long max) {
        return (path, v, problems) -> {
            if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
                problems.add(path + ": " + v + " is not an integer in [" + min + ", " + max + "]");
            }
        };
    }

    static final Shape BOOLEAN = (path, v, problems) -> {
        if (!v.isBoolean()) {
            problems.add(path + ": not a boolean");
        }
    };

    static Shape list(Shape member) {
        return (path, v, problems) -> {
            if (!v.isArray()) {
                problems.add(path + ": not a list");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                member.check(path + "[" + i + "]", v.get(i), problems);
            }
        };
    }

    /** A structure; {@code members} alternates name, shape. Unknown members (extras aside) are problems. */
    static Shape structure(Object... members) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i += 2) {
            shapes.put((String) members[i], (Shape) members[i + 1]);
        }
        return (path, v, problems) -> {
            if (!v.isObject()) {
                problems.add(path + ": not a structure");
                return;
            }
            for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                Shape s = shapes.get(name);
                if (s != null) {
                    s.check(path + "." + name, v.get(name), problems);
                } else if (!EXTRAS.contains(name)) {
                    problems.add(path + ": member " + name + " is not in the model");
                }
            }
        };
    }

    static List<String> check(Shape shape, JsonNode body) {
        List<String> problems = new ArrayList<>();
        shape.check("$", body, problems);
        return problems;
    }

    // --- shapes, by the model's names -------------------------------------------------------------------------

    static final Shape FLOAT = number(-Double.MAX_VALUE, Double.MAX_VALUE);
    static final Shape PERCENT = number(0, 100);
    static final Shape DEGREE = number(-180, 180);
    static final Shape UINTEGER = integer(0, Integer.MAX_VALUE);
    static final Shape ULONG = integer(0, Long.MAX_VALUE);
    static final Shape STRING = string(null, 0, Integer.MAX_VALUE);
    static final Shape TIMESTAMP = number(0, Double.MAX_VALUE);
    static final Shape FACE_ID = string("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 0, 36);
    static final Shape IMAGE_ID = FACE_ID;
    static final Shape USER_ID = string("[a-zA-Z0-9_.\\-:]+", 1, 128);
    static final Shape EXTERNAL_IMAGE_ID = string("[a-zA-Z0-9_.\\-:]+", 1, 255);
    static final Shape COLLECTION_ID = string("[a-zA-Z0-9_.\\-]+", 1, 255);
    static final Shape INDEX_FACES_MODEL_VERSION = string("[0-9\\.]+", 0, Integer.MAX_VALUE);
    static final Shape PAGINATION_TOKEN = string(null, 0, 255);
    static final Shape USER_STATUS = enumOf("ACTIVE", "UPDATING", "CREATING", "CREATED");
    static final Shape ORIENTATION = enumOf("ROTATE_0", "ROTATE_90", "ROTATE_180", "ROTATE_270");

    static final Shape BOUNDING_BOX = structure("Width", FLOAT, "Height", FLOAT, "Left", FLOAT, "Top", FLOAT);
    static final Shape LANDMARK = structure(
            "Type", enumOf("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight", "leftEyeBrowLeft",
                    "leftEyeBrowRight", "leftEyeBrowUp", "rightEyeBrowLeft", "rightEyeBrowRight", "rightEyeBrowUp",
                    "leftEyeLeft", "leftEyeRight", "leftEyeUp", "leftEyeDown", "rightEyeLeft", "rightEyeRight",
                    "rightEyeUp", "rightEyeDown", "noseLeft", "noseRight", "mouthUp", "mouthDown", "leftPupil",
                    "rightPupil", "upperJawlineLeft", "midJawlineLeft", "chinBottom", "midJawlineRight",
                    "upperJawlineRight"),
            "X", FLOAT, "Y", FLOAT);
    static final Shape POSE = structure("Roll", DEGREE, "Yaw", DEGREE, "Pitch", DEGREE);
    static final Shape QUALITY = structure("Brightness", FLOAT, "Sharpness", FLOAT);
    static final Shape BOOLEAN_ATTRIBUTE = structure("Value", BOOLEAN, "Confidence", PERCENT);
    static final Shape EMOTION = structure("Type", enumOf("HAPPY", "SAD", "ANGRY", "CONFUSED", "DISGUSTED",
            "SURPRISED", "CALM", "UNKNOWN", "FEAR"), "Confidence", PERCENT);
    static final Shape FACE_DETAIL = structure(
            "BoundingBox", BOUNDING_BOX, "AgeRange", structure("Low", UINTEGER, "High", UINTEGER),
            "Smile", BOOLEAN_ATTRIBUTE, "Eyeglasses", BOOLEAN_ATTRIBUTE, "Sunglasses", BOOLEAN_ATTRIBUTE,
            "Gender", structure("Value", enumOf("Male", "Female"), "Confidence", PERCENT),
            "Beard", BOOLEAN_ATTRIBUTE, "Mustache", BOOLEAN_ATTRIBUTE, "EyesOpen", BOOLEAN_ATTRIBUTE,
            "MouthOpen", BOOLEAN_ATTRIBUTE, "Emotions", list(EMOTION), "Landmarks", list(LANDMARK), "Pose", POSE,
            "Quality", QUALITY, "Confidence", PERCENT, "FaceOccluded", BOOLEAN_ATTRIBUTE,
            "EyeDirection", structure("Yaw", DEGREE, "Pitch", DEGREE, "Confidence", PERCENT));
    static final Shape FACE = structure("FaceId", FACE_ID, "BoundingBox", BOUNDING_BOX, "ImageId", IMAGE_ID,
            "ExternalImageId", EXTERNAL_IMAGE_ID, "Confidence", PERCENT,
            "IndexFacesModelVersion", INDEX_FACES_MODEL_VERSION, "UserId", USER_ID);
    static final Shape FACE_MATCH = structure("Similarity", PERCENT, "Face", FACE);
    static final Shape COMPARED_FACE = structure("BoundingBox", BOUNDING_BOX, "Confidence", PERCENT,
            "Landmarks", list(LANDMARK), "Pose", POSE, "Quality", QUALITY, "Emotions", list(EMOTION),
            "Smile", BOOLEAN_ATTRIBUTE);
    static final Shape USER_MATCH = structure("Similarity", PERCENT,
            "User", structure("UserId", USER_ID, "UserStatus", USER_STATUS));
    static final String[] QUALITY_REASONS = {"EXCEEDS_MAX_FACES", "EXTREME_POSE", "LOW_BRIGHTNESS",
        "LOW_SHARPNESS", "LOW_CONFIDENCE", "SMALL_BOUNDING_BOX", "LOW_FACE_QUALITY"};

    static final Shape CREATE_COLLECTION = structure("StatusCode", UINTEGER, "CollectionArn", STRING,
            "FaceModelVersion", STRING);
    static final Shape DELETE_COLLECTION = structure("StatusCode", UINTEGER);
    static final Shape LIST_COLLECTIONS = structure("CollectionIds", list(COLLECTION_ID), "NextToken",
            PAGINATION_TOKEN, "FaceModelVersions", list(STRING));
    static final Shape DESCRIBE_COLLECTION = structure("FaceCount", ULONG, "FaceModelVersion", STRING,
            "CollectionARN", STRING, "CreationTimestamp", TIMESTAMP, "UserCount", ULONG);
    static final Shape INDEX_FACES = structure(
            "FaceRecords", list(structure("Face", FACE, "FaceDetail", FACE_DETAIL)),
            "OrientationCorrection", ORIENTATION, "FaceModelVersion", STRING,
            "UnindexedFaces", list(structure("Reasons", list(enumOf(QUALITY_REASONS)), "FaceDetail", FACE_DETAIL)));
    static final Shape LIST_FACES = structure("Faces", list(FACE), "NextToken", STRING, "FaceModelVersion", STRING);
    static final Shape DELETE_FACES = structure("DeletedFaces", list(FACE_ID),
            "UnsuccessfulFaceDeletions", list(structure("FaceId", FACE_ID, "UserId", USER_ID,
                    "Reasons", list(enumOf("ASSOCIATED_TO_AN_EXISTING_USER", "FACE_NOT_FOUND")))));
    static final Shape SEARCH_FACES = structure("SearchedFaceId", FACE_ID, "FaceMatches", list(FACE_MATCH),
            "FaceModelVersion", STRING);
    static final Shape SEARCH_FACES_BY_IMAGE = structure("SearchedFaceBoundingBox", BOUNDING_BOX,
            "SearchedFaceConfidence", PERCENT, "FaceMatches", list(FACE_MATCH), "FaceModelVersion", STRING);
    static final Shape DETECT_FACES = structure("FaceDetails", list(FACE_DETAIL),
            "OrientationCorrection", ORIENTATION);
    static final Shape COMPARE_FACES = structure(
            "SourceImageFace", structure("BoundingBox", BOUNDING_BOX, "Confidence", PERCENT),
            "FaceMatches", list(structure("Similarity", PERCENT, "Face", COMPARED_FACE)),
            "UnmatchedFaces", list(COMPARED_FACE),
            "SourceImageOrientationCorrection", ORIENTATION, "TargetImageOrientationCorrection", ORIENTATION);
    static final Shape EMPTY = structure();
    static final Shape LIST_USERS = structure("Users", list(structure("UserId", USER_ID, "UserStatus", USER_STATUS)),
            "NextToken", PAGINATION_TOKEN);
    static final Shape ASSOCIATE_FACES = structure("AssociatedFaces", list(structure("FaceId", FACE_ID)),
            "UnsuccessfulFaceAssociations", list(structure("FaceId", FACE_ID, "UserId", USER_ID,
                    "Confidence", PERCENT, "Reasons", list(enumOf("FACE_NOT_FOUND", "ASSOCIATED_TO_A_DIFFERENT_USER",
                            "LOW_MATCH_CONFIDENCE")))),
            "UserStatus", USER_STATUS);
    static final Shape DISASSOCIATE_FACES = structure("DisassociatedFaces", list(structure("FaceId", FACE_ID)),
            "UnsuccessfulFaceDisassociations", list(structure("FaceId", FACE_ID, "UserId", USER_ID,
                    "Reasons", list(enumOf("FACE_NOT_FOUND", "ASSOCIATED_TO_A_DIFFERENT_USER")))),
            "UserStatus", USER_STATUS);
    static final Shape SEARCH_USERS = structure("UserMatches", list(USER_MATCH), "FaceModelVersion", STRING,
            "SearchedFace", structure("FaceId", FACE_ID), "SearchedUser", structure("UserId", USER_ID));
    static final Shape SEARCH_USERS_BY_IMAGE = structure("UserMatches", list(USER_MATCH), "FaceModelVersion", STRING,
            "SearchedFace", structure("FaceDetail", FACE_DETAIL),
            "UnsearchedFaces", list(structure("FaceDetails", FACE_DETAIL,
                    "Reasons", list(enumOf("FACE_NOT_LARGEST", "EXCEEDS_MAX_FACES", "EXTREME_POSE", "LOW_BRIGHTNESS",
                            "LOW_SHARPNESS", "LOW_CONFIDENCE", "SMALL_BOUNDING_BOX", "LOW_FACE_QUALITY")))));
}

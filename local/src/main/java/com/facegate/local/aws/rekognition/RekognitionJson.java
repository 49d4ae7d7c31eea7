package com.facegate.local.aws.rekognition;

import com.facegate.engine.Face;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rekognition's JSON shapes (PascalCase keys), built from engine faces and stored faces.
 *
 * <p>Liveness: Rekognition's FaceDetail has no liveness member, so we add {@code "Liveness": {"Value": bool,
 * "Confidence": 0..100, "Score": 0..100}} to every FaceDetail we return, and {@code "SearchedFaceLiveness"} to
 * SearchFacesByImage. The AWS SDK ignores unknown members when unmarshalling, so typed clients keep working; code
 * that wants the score reads the raw response body (an SDK ExecutionInterceptor, see
 * {@code RekognitionServer} javadoc). {@code Score} is the engine's live-class probability ×100; {@code Value} is
 * Score ≥ 50 and {@code Confidence} is the confidence in that Value, as for Rekognition's boolean attributes.
 */
final class RekognitionJson {
    /** Reported as FaceModelVersion (a free string in the model); names our engine, not an AWS model. */
    static final String FACE_MODEL_VERSION = "facegate-1.0";
    /** A Face's IndexFacesModelVersion, which the model constrains to {@code [0-9.]+}: our engine's version. */
    static final String INDEX_FACES_MODEL_VERSION = "1.0";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static {
        // Bodies are capped before parsing; this only keeps a hostile nesting depth from costing stack.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private RekognitionJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode boundingBox(Face.BoundingBox box) {
        return object().put("Width", box.width()).put("Height", box.height()).put("Left", box.left())
                .put("Top", box.top());
    }

    static ObjectNode liveness(float liveness) {
        float score = Math.max(0, Math.min(100, liveness * 100f));
        boolean live = score >= 50f;
        return object().put("Value", live).put("Confidence", live ? score : 100f - score).put("Score", score);
    }

    /**
     * Rekognition FaceDetail: BoundingBox, Confidence, Landmarks, Pose, Quality always, then each attribute asked
     * for that the engine measures (AgeRange, Smile, EyesOpen, MouthOpen, Gender, Emotions). Beard, Mustache,
     * Eyeglasses, Sunglasses, FaceOccluded and EyeDirection have no measured model here and are never returned.
     */
    static ObjectNode faceDetail(Face face, FaceAttributes wanted) {
        ObjectNode detail = object();
        detail.set("BoundingBox", boundingBox(face.box()));
        Face.Attributes a = wanted.needsAttributeModels() ? face.attributes() : null;
        if (a != null) {
            addAttributes(detail, a, wanted);
        }
        addGeometry(detail, face);
        detail.put("Confidence", face.confidence());
        detail.set("Liveness", liveness(face.liveness()));
        return detail;
    }

    private static void addAttributes(ObjectNode detail, Face.Attributes a, FaceAttributes wanted) {
        if (wanted.wants(FaceAttributes.Name.AGE_RANGE)) {
            detail.set("AgeRange", object().put("Low", a.ageLow()).put("High", a.ageHigh()));
        }
        if (wanted.wants(FaceAttributes.Name.SMILE) && a.smile() != null) {
            detail.set("Smile", object().put("Value", a.smile()).put("Confidence", a.smileConfidence()));
        }
        if (wanted.wants(FaceAttributes.Name.EYES_OPEN)) {
            detail.set("EyesOpen", object().put("Value", a.eyesOpen()).put("Confidence", a.eyesOpenConfidence()));
        }
        if (wanted.wants(FaceAttributes.Name.MOUTH_OPEN) && a.mouthOpen() != null) {
            detail.set("MouthOpen", object().put("Value", a.mouthOpen()).put("Confidence", a.mouthOpenConfidence()));
        }
        if (wanted.wants(FaceAttributes.Name.GENDER) && a.gender() != null) {
            detail.set("Gender", object().put("Value", genderValue(a.gender()))
                    .put("Confidence", a.genderConfidence()));
        }
        if (wanted.wants(FaceAttributes.Name.EMOTIONS)) {
            ArrayNode emotions = detail.putArray("Emotions");
            if (a.emotions() != null) {
                a.emotions().forEach(e -> emotions.add(object().put("Type", e.type())
                        .put("Confidence", e.confidence())));
            }
        }
    }

    /** Rekognition ComparedFace (CompareFaces): box, confidence, landmarks, pose, quality. */
    static ObjectNode comparedFace(Face face) {
        ObjectNode compared = object();
        compared.set("BoundingBox", boundingBox(face.box()));
        compared.put("Confidence", face.confidence());
        addGeometry(compared, face);
        compared.set("Liveness", liveness(face.liveness()));
        return compared;
    }

    private static void addGeometry(ObjectNode target, Face face) {
        ArrayNode landmarks = target.putArray("Landmarks");
        if (face.landmarks() != null) {
            face.landmarks().forEach(l -> landmarks.add(object().put("Type", l.type()).put("X", l.x())
                    .put("Y", l.y())));
        }
        if (face.pose() != null) {
            target.set("Pose", object().put("Roll", face.pose().roll()).put("Yaw", face.pose().yaw())
                    .put("Pitch", face.pose().pitch()));
        }
        if (face.quality() != null) {
            target.set("Quality", object().put("Brightness", face.quality().brightness())
                    .put("Sharpness", face.quality().sharpness()));
        }
    }

    private static String genderValue(String engineGender) {
        String g = engineGender.trim().toLowerCase(java.util.Locale.ROOT);
        return g.startsWith("f") ? "Female" : g.startsWith("m") ? "Male" : engineGender;
    }

    /** Rekognition Face (IndexFaces FaceRecord.Face, ListFaces, FaceMatch.Face). */
    static ObjectNode storedFace(CollectionStore.StoredFace f) {
        ObjectNode face = object().put("FaceId", f.faceId());
        face.set("BoundingBox", boundingBox(f.box()));
        face.put("ImageId", f.imageId());
        if (f.externalImageId() != null) {
            face.put("ExternalImageId", f.externalImageId());
        }
        face.put("Confidence", f.confidence());
        face.put("IndexFacesModelVersion", INDEX_FACES_MODEL_VERSION);
        if (f.userId() != null) {
            face.put("UserId", f.userId());
        }
        return face;
    }
}

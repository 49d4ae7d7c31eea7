package com.facegate.local.aws.rekognition;

import com.facegate.engine.Face;
import com.facegate.engine.Similarity;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** DetectFaces and CompareFaces: image analysis only, nothing is stored. */
final class DetectHandler {
    private final HandlerContext ctx;

    DetectHandler(HandlerContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("DetectFaces", this::detectFaces);
        ops.put("CompareFaces", this::compareFaces);
    }

    private ObjectNode detectFaces(Params p) {
        FaceAttributes wanted = p.attributes("Attributes");
        byte[] image = ctx.images().read(p, "Image");
        List<Face> faces = ctx.analyzer().analyze(image, wanted.needsAttributeModels());
        ObjectNode out = RekognitionJson.object();
        ArrayNode details = out.putArray("FaceDetails");
        faces.forEach(f -> details.add(RekognitionJson.faceDetail(f, wanted)));
        return out;
    }

    private ObjectNode compareFaces(Params p) {
        float threshold = p.optFloat("SimilarityThreshold", 0, 100, FaceHandler.DEFAULT_THRESHOLD);
        QualityFilter filter = QualityFilter.of(p.optEnum("QualityFilter", "NONE", QualityFilter.LEVELS));
        byte[] source = ctx.images().read(p, "SourceImage");
        byte[] target = ctx.images().read(p, "TargetImage");
        Face sourceFace = FaceHandler.largestUsableFace(ctx, source, filter);
        List<Face> targetFaces = ctx.analyzer().analyze(target, false);
        int[] targetSize = QualityFilter.imageSize(target);

        ObjectNode out = RekognitionJson.object();
        out.set("SourceImageFace", RekognitionJson.object()
                .put("Confidence", sourceFace.confidence())
                .set("BoundingBox", RekognitionJson.boundingBox(sourceFace.box())));
        ArrayNode matches = out.putArray("FaceMatches");
        ArrayNode unmatched = out.putArray("UnmatchedFaces");
        for (Face face : targetFaces) {
            if (!filter.reasons(face, targetSize).isEmpty()) {
                continue;
            }
            float similarity = Similarity.score(sourceFace.embedding(), face.embedding());
            if (similarity >= threshold) {
                ObjectNode m = matches.addObject().put("Similarity", similarity);
                m.set("Face", RekognitionJson.comparedFace(face));
            } else {
                unmatched.add(RekognitionJson.comparedFace(face));
            }
        }
        return out;
    }
}

package com.facegate.local.aws.rekognition;

import com.facegate.engine.Face;
import com.facegate.engine.Similarity;
import com.facegate.engine.index.FaceIndex;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** IndexFaces, ListFaces, DeleteFaces, SearchFaces, SearchFacesByImage. */
final class FaceHandler {
    static final float DEFAULT_THRESHOLD = 80f;
    static final int DEFAULT_MAX_MATCHES = 100;

    private final HandlerContext ctx;

    FaceHandler(HandlerContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("IndexFaces", this::indexFaces);
        ops.put("ListFaces", this::listFaces);
        ops.put("DeleteFaces", this::deleteFaces);
        ops.put("SearchFaces", this::searchFaces);
        ops.put("SearchFacesByImage", this::searchFacesByImage);
    }

    private ObjectNode indexFaces(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        ctx.store().index(collectionId);
        String externalImageId = p.optString("ExternalImageId", Params.EXTERNAL_ID);
        int maxFaces = p.optInt("MaxFaces", 1, 100, 100);
        QualityFilter filter = QualityFilter.of(p.optEnum("QualityFilter", "AUTO", QualityFilter.LEVELS));
        FaceAttributes wanted = p.attributes("DetectionAttributes");
        byte[] image = ctx.images().read(p, "Image");

        List<Face> faces = ctx.analyzer().analyze(image, wanted.needsAttributeModels());
        int[] size = QualityFilter.imageSize(image);
        String imageId = UUID.randomUUID().toString();
        long now = ctx.clock().millis();
        List<CollectionStore.StoredFace> toStore = new ArrayList<>();
        List<float[]> embeddings = new ArrayList<>();
        ObjectNode out = RekognitionJson.object();
        ArrayNode records = out.putArray("FaceRecords");
        ArrayNode unindexed = out.putArray("UnindexedFaces");
        for (Face face : faces) {
            List<String> reasons = new ArrayList<>(filter.reasons(face, size));
            if (reasons.isEmpty() && toStore.size() >= maxFaces) {
                reasons.add("EXCEEDS_MAX_FACES");
            }
            if (face.embedding() == null || face.embedding().length != ctx.analyzer().embeddingSize()) {
                reasons.add("LOW_FACE_QUALITY");
            }
            if (!reasons.isEmpty()) {
                ObjectNode u = unindexed.addObject();
                reasons.forEach(u.putArray("Reasons")::add);
                u.set("FaceDetail", RekognitionJson.faceDetail(face, wanted));
                continue;
            }
            CollectionStore.StoredFace stored = new CollectionStore.StoredFace(UUID.randomUUID().toString(), imageId,
                    externalImageId, face.box(), face.confidence(), null, now);
            toStore.add(stored);
            embeddings.add(face.embedding());
            ObjectNode record = records.addObject();
            record.set("Face", RekognitionJson.storedFace(stored));
            record.set("FaceDetail", RekognitionJson.faceDetail(face, wanted));
        }
        if (!toStore.isEmpty()) {
            ctx.store().addFaces(collectionId, toStore, embeddings);
        }
        out.put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION);
        return out;
    }

    private ObjectNode listFaces(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        ctx.store().index(collectionId);
        int max = p.optInt("MaxResults", 0, 4096, 1000);
        String userId = p.optString("UserId", Params.USER_ID);
        List<String> faceIds = p.stringList("FaceIds", Params.FACE_ID, 0, 4096);
        String listing = "ListFaces\0" + collectionId + "\0" + userId + "\0" + faceIds;
        String after = ctx.tokens().resume(listing, p.optString("NextToken", null));
        List<CollectionStore.StoredFace> faces = ctx.store().faces(collectionId, userId, faceIds, after, max + 1);
        ObjectNode out = RekognitionJson.object();
        ArrayNode list = out.putArray("Faces");
        faces.stream().limit(max).forEach(f -> list.add(RekognitionJson.storedFace(f)));
        if (faces.size() > max && max > 0) {
            out.put("NextToken", ctx.tokens().issue(listing, faces.get(max - 1).faceId()));
        }
        out.put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION);
        return out;
    }

    private ObjectNode deleteFaces(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        List<String> faceIds = p.stringList("FaceIds", Params.FACE_ID, 1, 4096);
        Map<String, CollectionStore.StoredFace> before = ctx.store().facesById(collectionId, faceIds);
        CollectionStore.DeleteOutcome outcome = ctx.store().deleteFaces(collectionId, faceIds);
        ObjectNode out = RekognitionJson.object();
        ArrayNode deleted = out.putArray("DeletedFaces");
        outcome.deleted().forEach(deleted::add);
        ArrayNode failed = out.putArray("UnsuccessfulFaceDeletions");
        outcome.refused().forEach((id, reason) -> {
            ObjectNode f = failed.addObject().put("FaceId", id);
            CollectionStore.StoredFace stored = before.get(id);
            if (stored != null && stored.userId() != null) {
                f.put("UserId", stored.userId());
            }
            f.putArray("Reasons").add(reason);
        });
        return out;
    }

    private ObjectNode searchFaces(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        FaceIndex index = ctx.store().index(collectionId);
        String faceId = p.string("FaceId", Params.FACE_ID);
        int maxFaces = p.optInt("MaxFaces", 1, 4096, DEFAULT_MAX_MATCHES);
        float threshold = p.optFloat("FaceMatchThreshold", 0, 100, DEFAULT_THRESHOLD);
        float[] query = ctx.store().embedding(collectionId, faceId)
                .orElseThrow(() -> RekognitionErrors.invalidParameter("FaceId " + faceId
                        + " is not in the collection."));
        List<FaceIndex.Hit> hits = new ArrayList<>(index.search(query, maxFaces + 1, Similarity.toCosine(threshold)));
        hits.removeIf(h -> h.faceId().equals(faceId));
        ObjectNode out = RekognitionJson.object().put("SearchedFaceId", faceId);
        out.set("FaceMatches", matches(collectionId, hits, maxFaces, threshold));
        out.put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION);
        return out;
    }

    private ObjectNode searchFacesByImage(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        FaceIndex index = ctx.store().index(collectionId);
        int maxFaces = p.optInt("MaxFaces", 1, 4096, DEFAULT_MAX_MATCHES);
        float threshold = p.optFloat("FaceMatchThreshold", 0, 100, DEFAULT_THRESHOLD);
        QualityFilter filter = QualityFilter.of(p.optEnum("QualityFilter", "NONE", QualityFilter.LEVELS));
        byte[] image = ctx.images().read(p, "Image");
        Face searched = largestUsableFace(ctx, image, filter);
        List<FaceIndex.Hit> hits = index.search(searched.embedding(), maxFaces, Similarity.toCosine(threshold));
        ObjectNode out = RekognitionJson.object();
        out.set("SearchedFaceBoundingBox", RekognitionJson.boundingBox(searched.box()));
        out.put("SearchedFaceConfidence", searched.confidence());
        out.set("SearchedFaceLiveness", RekognitionJson.liveness(searched.liveness()));
        out.set("FaceMatches", matches(collectionId, hits, maxFaces, threshold));
        out.put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION);
        return out;
    }

    /** The largest face, which must pass the filter; InvalidParameterException when there is none. */
    static Face largestUsableFace(HandlerContext ctx, byte[] image, QualityFilter filter) {
        List<Face> faces = ctx.analyzer().analyze(image, false);
        if (faces.isEmpty()) {
            throw RekognitionErrors.invalidParameter("There are no faces in the image. Should be at least 1.");
        }
        Face largest = faces.get(0);
        List<String> reasons = filter.reasons(largest, QualityFilter.imageSize(image));
        if (!reasons.isEmpty()) {
            throw RekognitionErrors.invalidParameter("The largest face does not pass the quality filter: " + reasons);
        }
        return largest;
    }

    private ArrayNode matches(String collectionId, List<FaceIndex.Hit> hits, int maxFaces, float threshold) {
        List<String> ids = hits.stream().map(FaceIndex.Hit::faceId).toList();
        Map<String, CollectionStore.StoredFace> stored = ctx.store().facesById(collectionId, ids);
        ArrayNode matches = RekognitionJson.MAPPER.createArrayNode();
        for (FaceIndex.Hit hit : hits) {
            CollectionStore.StoredFace face = stored.get(hit.faceId());
            float similarity = Similarity.toScore(hit.cosine());
            // The index filters by cosine; re-check on the score scale so rounding never lets a lower score in.
            if (face == null || similarity < threshold || matches.size() >= maxFaces) {
                continue;
            }
            ObjectNode m = matches.addObject().put("Similarity", similarity);
            m.set("Face", RekognitionJson.storedFace(face));
        }
        return matches;
    }
}

package com.facegate.local.aws.rekognition;

import com.facegate.engine.Face;
import com.facegate.engine.Similarity;
import com.facegate.engine.index.FaceIndex;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users API: CreateUser, DeleteUser, ListUsers, AssociateFaces, DisassociateFaces, SearchUsers(ByImage). */
final class UserHandler {
    private static final float DEFAULT_ASSOCIATE_THRESHOLD = 75f;
    private static final int DEFAULT_MAX_USERS = 100;

    private final HandlerContext ctx;

    UserHandler(HandlerContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateUser", this::createUser);
        ops.put("DeleteUser", this::deleteUser);
        ops.put("ListUsers", this::listUsers);
        ops.put("AssociateFaces", this::associateFaces);
        ops.put("DisassociateFaces", this::disassociateFaces);
        ops.put("SearchUsers", this::searchUsers);
        ops.put("SearchUsersByImage", this::searchUsersByImage);
    }

    private ObjectNode createUser(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        String userId = p.string("UserId", Params.USER_ID);
        String token = p.optString("ClientRequestToken", Params.CLIENT_REQUEST_TOKEN);
        if (ctx.store().createUser(collectionId, userId, token, ctx.clock().millis())
                == CollectionStore.UserChange.REFUSED) {
            throw RekognitionErrors.conflict("A User with the same Id already exists within the collection.");
        }
        return RekognitionJson.object();
    }

    private ObjectNode deleteUser(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        String userId = p.string("UserId", Params.USER_ID);
        String token = p.optString("ClientRequestToken", Params.CLIENT_REQUEST_TOKEN);
        if (ctx.store().deleteUser(collectionId, userId, token) == CollectionStore.UserChange.REFUSED) {
            throw RekognitionErrors.notFound("The user id: " + userId + " does not exist");
        }
        return RekognitionJson.object();
    }

    private ObjectNode listUsers(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        ctx.store().index(collectionId);
        int max = p.optInt("MaxResults", 1, 500, 500);
        String listing = "ListUsers\0" + collectionId;
        String after = ctx.tokens().resume(listing, p.optString("NextToken", null));
        List<CollectionStore.UserInfo> users = ctx.store().users(collectionId, after, max + 1);
        ObjectNode out = RekognitionJson.object();
        ArrayNode list = out.putArray("Users");
        users.stream().limit(max).forEach(u -> list.addObject().put("UserId", u.userId())
                .put("UserStatus", u.status()));
        if (users.size() > max) {
            out.put("NextToken", ctx.tokens().issue(listing, users.get(max - 1).userId()));
        }
        return out;
    }

    private CollectionStore.UserInfo requireUser(String collectionId, String userId) {
        ctx.store().index(collectionId);
        return ctx.store().user(collectionId, userId)
                .orElseThrow(() -> RekognitionErrors.notFound("The user id: " + userId + " does not exist"));
    }

    private ObjectNode associateFaces(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        String userId = p.string("UserId", Params.USER_ID);
        List<String> faceIds = p.stringList("FaceIds", Params.FACE_ID, 1, 100);
        float threshold = p.optFloat("UserMatchThreshold", 0, 100, DEFAULT_ASSOCIATE_THRESHOLD);
        ObjectNode out = RekognitionJson.object();
        ArrayNode associated = out.putArray("AssociatedFaces");
        ArrayNode failed = out.putArray("UnsuccessfulFaceAssociations");
        // Check-then-set under the store's lock so two callers cannot claim one face for different users.
        synchronized (ctx.store()) {
            requireUser(collectionId, userId);
            List<float[]> userFaces = new ArrayList<>();
            ctx.store().faces(collectionId, userId, null, null, 4096).forEach(f ->
                    ctx.store().embedding(collectionId, f.faceId()).ifPresent(userFaces::add));
            Map<String, CollectionStore.StoredFace> found = ctx.store().facesById(collectionId, faceIds);
            List<String> accepted = new ArrayList<>();
            for (String faceId : faceIds) {
                CollectionStore.StoredFace face = found.get(faceId);
                if (face == null) {
                    failure(failed, faceId, null, null, "FACE_NOT_FOUND");
                } else if (face.userId() != null && !face.userId().equals(userId)) {
                    failure(failed, faceId, face.userId(), null, "ASSOCIATED_TO_A_DIFFERENT_USER");
                } else {
                    float best = bestSimilarity(ctx.store().embedding(collectionId, faceId).orElseThrow(), userFaces);
                    if (!userFaces.isEmpty() && best < threshold) {
                        failure(failed, faceId, null, best, "LOW_MATCH_CONFIDENCE");
                    } else if (!accepted.contains(faceId)) {
                        accepted.add(faceId);
                        associated.addObject().put("FaceId", faceId);
                    }
                }
            }
            ctx.store().setUser(collectionId, accepted, userId);
            out.put("UserStatus", requireUser(collectionId, userId).status());
        }
        return out;
    }

    private ObjectNode disassociateFaces(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        String userId = p.string("UserId", Params.USER_ID);
        List<String> faceIds = p.stringList("FaceIds", Params.FACE_ID, 1, 100);
        ObjectNode out = RekognitionJson.object();
        ArrayNode done = out.putArray("DisassociatedFaces");
        ArrayNode failed = out.putArray("UnsuccessfulFaceDisassociations");
        synchronized (ctx.store()) {
            requireUser(collectionId, userId);
            Map<String, CollectionStore.StoredFace> found = ctx.store().facesById(collectionId, faceIds);
            List<String> released = new ArrayList<>();
            for (String faceId : faceIds) {
                CollectionStore.StoredFace face = found.get(faceId);
                if (face == null) {
                    failure(failed, faceId, null, null, "FACE_NOT_FOUND");
                } else if (!userId.equals(face.userId())) {
                    failure(failed, faceId, face.userId(), null, "ASSOCIATED_TO_A_DIFFERENT_USER");
                } else if (!released.contains(faceId)) {
                    released.add(faceId);
                    done.addObject().put("FaceId", faceId);
                }
            }
            ctx.store().setUser(collectionId, released, null);
            out.put("UserStatus", requireUser(collectionId, userId).status());
        }
        return out;
    }

    private ObjectNode searchUsers(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        FaceIndex index = ctx.store().index(collectionId);
        String userId = p.optString("UserId", Params.USER_ID);
        String faceId = p.optString("FaceId", Params.FACE_ID);
        if ((userId == null) == (faceId == null)) {
            throw RekognitionErrors.invalidParameter("Exactly one of UserId or FaceId is required.");
        }
        float threshold = p.optFloat("UserMatchThreshold", 0, 100, FaceHandler.DEFAULT_THRESHOLD);
        int maxUsers = p.optInt("MaxUsers", 1, 500, DEFAULT_MAX_USERS);
        List<float[]> queries = new ArrayList<>();
        ObjectNode out = RekognitionJson.object();
        if (faceId != null) {
            queries.add(ctx.store().embedding(collectionId, faceId)
                    .orElseThrow(() -> RekognitionErrors.invalidParameter("FaceId " + faceId
                            + " is not in the collection.")));
            out.set("SearchedFace", RekognitionJson.object().put("FaceId", faceId));
        } else {
            requireUser(collectionId, userId);
            ctx.store().faces(collectionId, userId, null, null, 4096).forEach(f ->
                    ctx.store().embedding(collectionId, f.faceId()).ifPresent(queries::add));
            out.set("SearchedUser", RekognitionJson.object().put("UserId", userId));
        }
        Map<String, Float> best = new LinkedHashMap<>();
        for (float[] q : queries) {
            collectUsers(collectionId, index, q, maxUsers, threshold, best);
        }
        if (userId != null) {
            best.remove(userId);
        }
        out.set("UserMatches", userMatches(collectionId, best, maxUsers));
        out.put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION);
        return out;
    }

    private ObjectNode searchUsersByImage(Params p) {
        String collectionId = p.string("CollectionId", Params.COLLECTION_ID);
        FaceIndex index = ctx.store().index(collectionId);
        float threshold = p.optFloat("UserMatchThreshold", 0, 100, FaceHandler.DEFAULT_THRESHOLD);
        int maxUsers = p.optInt("MaxUsers", 1, 500, DEFAULT_MAX_USERS);
        QualityFilter filter = QualityFilter.of(p.optEnum("QualityFilter", "NONE", QualityFilter.LEVELS));
        byte[] image = ctx.images().read(p, "Image");
        List<Face> faces = ctx.analyzer().analyze(image, false);
        if (faces.isEmpty()) {
            throw RekognitionErrors.invalidParameter("There are no faces in the image. Should be at least 1.");
        }
        Face searched = faces.get(0);
        List<String> reasons = filter.reasons(searched, QualityFilter.imageSize(image));
        if (!reasons.isEmpty()) {
            throw RekognitionErrors.invalidParameter("The largest face does not pass the quality filter: " + reasons);
        }
        Map<String, Float> best = new LinkedHashMap<>();
        collectUsers(collectionId, index, searched.embedding(), maxUsers, threshold, best);
        ObjectNode out = RekognitionJson.object();
        out.set("UserMatches", userMatches(collectionId, best, maxUsers));
        out.put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION);
        out.set("SearchedFace", RekognitionJson.object()
                .set("FaceDetail", RekognitionJson.faceDetail(searched, FaceAttributes.DEFAULT)));
        ArrayNode unsearched = out.putArray("UnsearchedFaces");
        for (Face other : faces.subList(1, faces.size())) {
            ObjectNode u = unsearched.addObject();
            u.set("FaceDetails", RekognitionJson.faceDetail(other, FaceAttributes.DEFAULT));
            u.putArray("Reasons").add("FACE_NOT_LARGEST");
        }
        return out;
    }

    /** Adds users whose faces match {@code query} at ≥ threshold, keeping each user's best similarity. */
    private void collectUsers(String collectionId, FaceIndex index, float[] query, int maxUsers, float threshold,
                              Map<String, Float> best) {
        int hitsWanted = Math.min(4096, maxUsers * 20 + 100);
        List<FaceIndex.Hit> hits = index.search(query, hitsWanted, Similarity.toCosine(threshold));
        Map<String, CollectionStore.StoredFace> faces = ctx.store().facesById(collectionId,
                hits.stream().map(FaceIndex.Hit::faceId).toList());
        for (FaceIndex.Hit hit : hits) {
            CollectionStore.StoredFace face = faces.get(hit.faceId());
            float similarity = Similarity.toScore(hit.cosine());
            if (face != null && face.userId() != null && similarity >= threshold) {
                best.merge(face.userId(), similarity, Math::max);
            }
        }
    }

    private ArrayNode userMatches(String collectionId, Map<String, Float> best, int maxUsers) {
        ArrayNode matches = RekognitionJson.MAPPER.createArrayNode();
        best.entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed())
                .limit(maxUsers)
                .forEach(e -> {
                    Optional<CollectionStore.UserInfo> user = ctx.store().user(collectionId, e.getKey());
                    ObjectNode m = matches.addObject().put("Similarity", e.getValue());
                    m.set("User", RekognitionJson.object().put("UserId", e.getKey())
                            .put("UserStatus", user.map(CollectionStore.UserInfo::status).orElse("ACTIVE")));
                });
        return matches;
    }

    private static float bestSimilarity(float[] face, List<float[]> others) {
        float best = 0;
        for (float[] o : others) {
            best = Math.max(best, Similarity.score(face, o));
        }
        return best;
    }

    private static void failure(ArrayNode failed, String faceId, String userId, Float confidence, String reason) {
        ObjectNode f = failed.addObject().put("FaceId", faceId);
        if (userId != null) {
            f.put("UserId", userId);
        }
        if (confidence != null) {
            f.put("Confidence", confidence);
        }
        f.putArray("Reasons").add(reason);
    }
}

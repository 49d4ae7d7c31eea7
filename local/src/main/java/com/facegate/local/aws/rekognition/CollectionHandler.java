package com.facegate.local.aws.rekognition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** CreateCollection, DeleteCollection, ListCollections, DescribeCollection. */
final class CollectionHandler {
    private final HandlerContext ctx;

    CollectionHandler(HandlerContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateCollection", this::create);
        ops.put("DeleteCollection", this::delete);
        ops.put("ListCollections", this::list);
        ops.put("DescribeCollection", this::describe);
    }

    private ObjectNode create(Params p) {
        String id = p.string("CollectionId", Params.COLLECTION_ID);
        if (!ctx.store().create(id, ctx.clock().millis())) {
            throw RekognitionErrors.alreadyExists("The collection id: " + id + " already exists");
        }
        return RekognitionJson.object().put("StatusCode", 200).put("CollectionArn", ctx.collectionArn(id))
                .put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION);
    }

    private ObjectNode delete(Params p) {
        String id = p.string("CollectionId", Params.COLLECTION_ID);
        if (!ctx.store().delete(id)) {
            throw RekognitionErrors.notFound("The collection id: " + id + " does not exist");
        }
        return RekognitionJson.object().put("StatusCode", 200);
    }

    private ObjectNode list(Params p) {
        int max = p.optInt("MaxResults", 0, 4096, 1000);
        String after = ctx.tokens().resume("ListCollections", p.optString("NextToken", null));
        List<String> ids = ctx.store().collectionIds(after, max + 1);
        ObjectNode out = RekognitionJson.object();
        ArrayNode collections = out.putArray("CollectionIds");
        ArrayNode versions = out.putArray("FaceModelVersions");
        ids.stream().limit(max).forEach(id -> {
            collections.add(id);
            versions.add(RekognitionJson.FACE_MODEL_VERSION);
        });
        if (ids.size() > max && max > 0) {
            out.put("NextToken", ctx.tokens().issue("ListCollections", ids.get(max - 1)));
        }
        return out;
    }

    private ObjectNode describe(Params p) {
        String id = p.string("CollectionId", Params.COLLECTION_ID);
        CollectionStore.CollectionInfo info = ctx.store().describe(id)
                .orElseThrow(() -> RekognitionErrors.notFound("The collection id: " + id + " does not exist"));
        return RekognitionJson.object().put("FaceCount", info.faceCount())
                .put("FaceModelVersion", RekognitionJson.FACE_MODEL_VERSION)
                .put("CollectionARN", ctx.collectionArn(id))
                .put("CreationTimestamp", info.createdAtMillis() / 1000.0)
                .put("UserCount", info.userCount());
    }
}

package com.facegate.engine.index;

import java.util.List;

/**
 * In-memory 1:N search over L2-normalised embeddings, keyed by face id. Thread-safe: searches run concurrently
 * with each other; adds and removes are serialised. Persistence belongs to the caller (the collection store).
 */
public interface FaceIndex {

    record Hit(String faceId, float cosine) {}

    int dimension();

    int size();

    void add(String faceId, float[] embedding);

    boolean remove(String faceId);

    /** Up to {@code maxHits} faces with cosine ≥ {@code minCosine}, best first. */
    List<Hit> search(float[] query, int maxHits, float minCosine);

    /** The default index for this dimension (chosen by measurement; see docs/face-engine.md). */
    static FaceIndex create(int dimension) {
        return new SignCodeIndex(dimension);
    }
}

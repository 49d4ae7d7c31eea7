package com.facegate.engine;

import java.util.List;

/**
 * Detection, alignment, embedding, attributes and liveness. Thread-safe; ONNX sessions are made once.
 * Implementation: {@link OnnxFaceEngine}.
 */
public interface FaceEngine extends AutoCloseable {

    enum Detail { DEFAULT, ALL }

    /** Largest images the engine decodes; bigger ones are rejected from the header alone. */
    long MAX_PIXELS = 36_000_000L;

    /**
     * All faces in an encoded image (JPEG or PNG), largest first, each with embedding and liveness; attributes
     * only with {@link Detail#ALL}.
     *
     * @throws ImageRejectedException for bytes that are not a decodable image or whose pixels are too many
     */
    List<Face> analyze(byte[] encodedImage, Detail detail) throws ImageRejectedException;

    /** Embedding length (512 for fr_feature). */
    int embeddingSize();

    @Override
    void close();
}

package com.facegate.engine;

import java.util.List;

/**
 * Detection, alignment, embedding, attributes and liveness. Thread-safe; ONNX sessions are made once.
 * Implementation: {@link OnnxFaceEngine}.
 */
public interface FaceEngine extends AutoCloseable {

    /**
     * How much to compute per face. DEFAULT is the door's and the gallery's: yaw and pitch from landmark geometry (a
     * cheap estimate for frame gating), no attribute network loaded. POSE adds the pose network's yaw and pitch (only
     * that network is loaded): what the Rekognition-compatible endpoint answers with whatever Attributes asked for,
     * so a face has one Pose, as in Rekognition. ALL adds every attribute, with the same pose as POSE.
     */
    enum Detail { DEFAULT, POSE, ALL }

    /** Largest images the engine decodes; bigger ones are rejected from the header alone. */
    long MAX_PIXELS = 36_000_000L;

    /**
     * All faces in an encoded image (JPEG or PNG), largest first, each with embedding and liveness; the pose
     * network's yaw and pitch with {@link Detail#POSE} and {@link Detail#ALL}, attributes only with ALL.
     *
     * @throws ImageRejectedException for bytes that are not a decodable image or whose pixels are too many
     */
    List<Face> analyze(byte[] encodedImage, Detail detail) throws ImageRejectedException;

    /** Embedding length (512 for fr_feature). */
    int embeddingSize();

    @Override
    void close();
}

package com.facegate.local.aws.rekognition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs the face engine under a bounded number of concurrent analyses: beyond it callers wait briefly, then get
 * ThrottlingException (as Rekognition does under load) instead of piling decoded images onto the heap.
 * The analysis of the last few images is kept briefly, and one under way is shared: a caller that runs DetectFaces
 * and SearchFacesByImage on the same capture (the access handler runs them side by side) pays for the engine once.
 *
 * <p>Every analysis measures yaw and pitch with the engine's pose network ({@code Detail.POSE} without attribute
 * models, {@code Detail.ALL} with them), never the landmark-geometry estimate the door gates frames with: a face
 * has one Pose on every operation and whatever Attributes asked for, as in Rekognition, and QualityFilter's
 * EXTREME_POSE judges that same pose.
 */
final class ImageAnalyzer {
    private final FaceEngine engine;
    private final Semaphore permits;
    private final Duration acquireTimeout;
    private final Cache<String, CompletableFuture<List<Face>>> recent = Caffeine.newBuilder().maximumSize(32)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    ImageAnalyzer(FaceEngine engine, int maxConcurrency, Duration acquireTimeout) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1");
        }
        this.engine = engine;
        this.permits = new Semaphore(maxConcurrency, true);
        this.acquireTimeout = acquireTimeout;
    }

    int embeddingSize() {
        return engine.embeddingSize();
    }

    /** All faces, largest first. A failed analysis is not kept: the next caller tries again. */
    List<Face> analyze(byte[] image, boolean allAttributes) {
        String digest = digest(image);
        // An ALL analysis, done or under way, serves either kind of request: the same faces and pose, attributes on
        // top.
        CompletableFuture<List<Face>> all = recent.getIfPresent("A:" + digest);
        if (all != null) {
            return shared(all);
        }
        String key = (allAttributes ? "A:" : "P:") + digest;
        CompletableFuture<List<Face>> mine = new CompletableFuture<>();
        CompletableFuture<List<Face>> earlier = recent.asMap().putIfAbsent(key, mine);
        if (earlier != null) {
            return shared(earlier);
        }
        try {
            List<Face> faces = analyzeNow(image, allAttributes);
            mine.complete(faces);
            return faces;
        } catch (RuntimeException | Error e) {
            recent.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** The result of an analysis another request started; its failure is this request's too. */
    private static List<Face> shared(CompletableFuture<List<Face>> analysis) {
        try {
            return analysis.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RekognitionErrors.throttling();
        }
    }

    private static String digest(byte[] image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Face> analyzeNow(byte[] image, boolean allAttributes) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RekognitionErrors.throttling();
        }
        if (!acquired) {
            throw RekognitionErrors.throttling();
        }
        try {
            return engine.analyze(image, allAttributes ? FaceEngine.Detail.ALL : FaceEngine.Detail.POSE);
        } catch (ImageRejectedException e) {
            throw e.kind() == ImageRejectedException.Kind.TOO_LARGE
                    ? RekognitionErrors.imageTooLarge("Image size is too large: " + e.getMessage())
                    : RekognitionErrors.invalidImageFormat("Request has invalid image format");
        } finally {
            permits.release();
        }
    }
}

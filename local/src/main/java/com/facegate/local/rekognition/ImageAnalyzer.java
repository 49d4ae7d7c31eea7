package com.facegate.local.rekognition;

import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs the face engine under a bounded number of concurrent analyses: beyond it callers wait briefly, then get
 * ThrottlingException (as Rekognition does under load) instead of piling decoded images onto the heap.
 */
final class ImageAnalyzer {
    private final FaceEngine engine;
    private final Semaphore permits;
    private final Duration acquireTimeout;

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

    /** All faces, largest first. */
    List<Face> analyze(byte[] image, boolean allAttributes) {
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
            return engine.analyze(image, allAttributes ? FaceEngine.Detail.ALL : FaceEngine.Detail.DEFAULT);
        } catch (ImageRejectedException e) {
            throw e.kind() == ImageRejectedException.Kind.TOO_LARGE
                    ? RekognitionErrors.imageTooLarge("Image size is too large: " + e.getMessage())
                    : RekognitionErrors.invalidImageFormat("Request has invalid image format");
        } finally {
            permits.release();
        }
    }
}

package com.facegate.local.aws.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;

/**
 * The access handler sends DetectFaces and SearchFacesByImage for one capture at the same time: the endpoint must
 * run the engine once for both (the second request waits for the first's analysis instead of repeating it), and
 * both answers must describe the same face.
 */
class RekognitionSharedAnalysisTest {

    /** The real engine, counting the analyses it is asked for; while {@code hold} is set each one waits for it. */
    private static final class CountingEngine implements FaceEngine {
        final AtomicInteger analyses = new AtomicInteger();
        volatile CountDownLatch hold;

        @Override
        public List<Face> analyze(byte[] image, Detail detail) throws ImageRejectedException {
            analyses.incrementAndGet();
            CountDownLatch h = hold;
            if (h != null) {
                try {
                    h.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return RekognitionTestSupport.engine().analyze(image, detail);
        }

        @Override
        public int embeddingSize() {
            return RekognitionTestSupport.engine().embeddingSize();
        }

        @Override
        public void close() {
            // The shared engine belongs to the test JVM.
        }
    }

    @Test
    void givenDetectAndSearchOfOneImageAtOnce_whenBothAreAnswered_thenTheEngineRanOnceAndBothSeeTheSameFace()
            throws Exception {
        byte[] photo = RekognitionTestSupport.photo("Colin_Powell", 1);
        byte[] enrolled = RekognitionTestSupport.photo("Colin_Powell", 2);
        CountingEngine engine = new CountingEngine();
        RekognitionFixture.run(server -> server.engine(engine), (endpoint, client) -> {
            client.createCollection(b -> b.collectionId("people"));
            client.indexFaces(b -> b.collectionId("people").externalImageId("B-1")
                    .image(RekognitionTestSupport.image(enrolled)));
            engine.analyses.set(0);
            CountDownLatch hold = new CountDownLatch(1);
            engine.hold = hold;
            Image image = RekognitionTestSupport.image(photo);
            CompletableFuture<DetectFacesResponse> detect = CompletableFuture.supplyAsync(() ->
                    client.detectFaces(b -> b.image(image).attributes(Attribute.DEFAULT)));
            waitFor(() -> engine.analyses.get() == 1, 60_000);
            CompletableFuture<SearchFacesByImageResponse> search = CompletableFuture.supplyAsync(() ->
                    client.searchFacesByImage(b -> b.collectionId("people").image(image).maxFaces(1)));
            // The first analysis is held while the second request arrives; were it repeated, the count would show it.
            waitFor(() -> engine.analyses.get() > 1, 3_000);
            hold.countDown();

            DetectFacesResponse detected = detect.get(60, TimeUnit.SECONDS);
            SearchFacesByImageResponse found = search.get(60, TimeUnit.SECONDS);

            assertThat(engine.analyses.get()).as("analyses for the two concurrent requests").isEqualTo(1);
            BoundingBox largest = detected.faceDetails().get(0).boundingBox();
            assertThat(found.searchedFaceBoundingBox()).isEqualTo(largest);
            assertThat(found.faceMatches()).singleElement()
                    .satisfies(m -> assertThat(m.face().externalImageId()).isEqualTo("B-1"));
        });
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}

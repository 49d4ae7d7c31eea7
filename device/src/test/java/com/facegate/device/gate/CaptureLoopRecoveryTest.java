package com.facegate.device.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.support.Faces;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.engine.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The capture loop outlives what killed it before: a NegativeArraySizeException and an OutOfMemoryError. */
class CaptureLoopRecoveryTest {
    private static FaceEngine engine;

    @BeforeAll
    static void load() {
        Faces.lfw();
        engine = OnnxFaceEngine.load();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** A camera that plays a script: each step is a frame, or a failure thrown from next(). */
    private static final class ScriptedCamera implements FrameSource {
        private final Deque<Callable<Frame>> steps = new ArrayDeque<>();

        @Override
        public Optional<Frame> next() throws IOException {
            Callable<Frame> step = steps.poll();
            if (step == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(step.call());
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        @Override
        public void close() { }
    }

    @Test
    void givenCameraFailuresOfAnyKind_thenTheLoopRestartsItReportsTheOutageOnceAndSeesTheNextFace() throws Exception {
        byte[] photo = Files.readAllBytes(Faces.photo("Colin_Powell", 1));
        Instant t0 = Instant.parse("2030-01-01T08:00:00Z");
        ScriptedCamera camera = new ScriptedCamera();
        camera.steps.add(() -> {
            throw new NegativeArraySizeException("-1594967296"); // what ImageIO threw on the 30000² bomb
        });
        camera.steps.add(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
        camera.steps.add(() -> new Frame(0, t0, ImageDecoder.decodeImage(photo), photo));
        camera.steps.add(() -> new Frame(1, t0.plusSeconds(2), ImageDecoder.decodeImage(photo), null));
        List<String> events = new CopyOnWriteArrayList<>();
        List<Candidate> candidates = new CopyOnWriteArrayList<>();
        CaptureLoop loop = new CaptureLoop(camera, engine,
                new BestFrameSelector(Duration.ofMillis(300), 0.02f, new VisitCooldown(Duration.ZERO, 0.9f)),
                candidates::add, Duration.ZERO, Duration.ZERO, false, 90)
                .recovering(null, new CameraWatch() {
                    @Override
                    public void down(String reason) {
                        events.add("down " + reason);
                    }

                    @Override
                    public void restored(Duration downFor) {
                        events.add("restored");
                    }
                }, Duration.ofMillis(10), Duration.ofMillis(20));
        loop.runToEnd();
        assertThat(loop.finished()).isTrue();
        assertThat(loop.cameraFaults()).isEqualTo(2);
        assertThat(events).containsExactly("down NegativeArraySizeException", "restored");
        assertThat(loop.frames()).isEqualTo(2);
        // The visit seen after the faults: its window closed at the second frame.
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).jpeg()).isEqualTo(photo);
        assertThat(candidates.get(0).frame().seq()).isZero();
    }
}

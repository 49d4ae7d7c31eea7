package com.facegate.device.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.support.Faces;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A queue at the door: photos of different people 300 ms apart, the gate's window (600 ms) longer than each
 * person's turn. Each person must be a visit of their own (a capture each), never merged into the one before.
 */
class BackToBackVisitorsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final String[][] PEOPLE = {{"Colin_Powell", "1"}, {"Tony_Blair", "2"}, {"Aaron_Pena", "1"},
        {"Hugo_Chavez", "1"}, {"Jacques_Chirac", "1"}, {"Brad_Johnson", "1"}, {"Abdoulaye_Wade", "1"}};
    static FaceEngine engine;

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

    /** The photos as a camera would deliver them, {@code spacingMs} apart on the frames' own clock. */
    private static FrameSource queue(List<byte[]> photos, long spacingMs) {
        Iterator<byte[]> it = photos.iterator();
        return new FrameSource() {
            private long seq;

            @Override
            public Optional<Frame> next() throws IOException {
                if (!it.hasNext()) {
                    return Optional.empty();
                }
                byte[] jpeg = it.next();
                long n = seq++;
                return Optional.of(new Frame(n, T0.plusMillis(n * spacingMs),
                        ImageIO.read(new ByteArrayInputStream(jpeg)), jpeg));
            }

            @Override
            public void close() {}
        };
    }

    private static List<Candidate> run(List<byte[]> photos) {
        BestFrameSelector gate = new BestFrameSelector(Duration.ofMillis(600), 0.01f,
                new VisitCooldown(Duration.ofSeconds(10), 0.6f));
        List<Candidate> out = new CopyOnWriteArrayList<>();
        new CaptureLoop(queue(photos, 300), engine, gate, out::add, Duration.ZERO, Duration.ZERO, false, 90)
                .runToEnd();
        return out;
    }

    @Test
    void givenDifferentPeople300msApart_whenTheyPassTheDoor_thenEachIsOneCaptureOfTheirOwnFace() throws Exception {
        List<byte[]> photos = new ArrayList<>();
        for (String[] p : PEOPLE) {
            photos.add(Files.readAllBytes(Faces.photo(p[0], Integer.parseInt(p[1]))));
        }

        List<Candidate> captures = run(photos);

        assertThat(captures).hasSize(PEOPLE.length);
        assertThat(captures).extracting(c -> c.frame().seq()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(captures).allSatisfy(c -> assertThat(c.framesConsidered()).isEqualTo(1));
    }

    @Test
    void givenOnePersonInSeveralFramesThenAnother_whenTheyPass_thenTwoCapturesNotOnePerFrame() throws Exception {
        List<byte[]> photos = List.of(Files.readAllBytes(Faces.photo("Colin_Powell", 1)),
                Files.readAllBytes(Faces.photo("Colin_Powell", 2)), Files.readAllBytes(Faces.photo("Tony_Blair", 2)),
                Files.readAllBytes(Faces.photo("Tony_Blair", 4)));

        List<Candidate> captures = run(photos);

        assertThat(captures).hasSize(2);
        assertThat(captures.get(0).framesConsidered()).isEqualTo(2);
        assertThat(captures.get(1).frame().seq()).isGreaterThanOrEqualTo(2);
    }
}

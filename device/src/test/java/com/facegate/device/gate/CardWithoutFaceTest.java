package com.facegate.device.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.capture.Frame;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.capture.Jpeg;
import com.facegate.device.credential.Presented;
import com.facegate.device.credential.PresentedFactors;
import com.facegate.device.support.Faces;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.engine.image.ImageDecoder;
import com.facegate.protocol.CaptureMetadata;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A card shown with nobody in view still gets a capture (a frame with no face, carrying the card) when its window
 * ends, or soon after a PIN; a face that comes inside the window takes the card instead, and no frame goes
 * without a face. Real engine, frames from LFW photos and an empty corridor, times from the frames.
 */
class CardWithoutFaceTest {
    private static final Instant T0 = Instant.parse("2030-01-01T08:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static FaceEngine engine;
    private static PublicKey pinKey;

    @BeforeAll
    static void load() throws Exception {
        Faces.lfw();
        engine = OnnxFaceEngine.load();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        pinKey = rsa.generateKeyPair().getPublic();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** The door's clock is the time of the frame being processed, as with a live camera. */
    private static final class FrameClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Plays frames in order, moving the clock to each frame's time as it is taken. */
    private static final class Script implements FrameSource {
        final Deque<Frame> frames = new ArrayDeque<>();
        /** Things that happen at the door (a card shown) once the clock reaches their time. */
        final Deque<Map.Entry<Instant, Runnable>> events = new ArrayDeque<>();
        final FrameClock clock;
        long seq;

        Script(FrameClock clock) {
            this.clock = clock;
        }

        void corridor(double fromSeconds, double toSeconds, double step) {
            BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
            var g = img.createGraphics();
            g.setColor(new Color(120, 120, 110));
            g.fillRect(0, 0, 320, 240);
            g.dispose();
            byte[] jpeg = Jpeg.encode(img, 90);
            for (double t = fromSeconds; t <= toSeconds + 1e-9; t += step) {
                frames.add(new Frame(seq++, at(t), img, jpeg));
            }
        }

        void photo(double t, String name, int i) throws Exception {
            byte[] bytes = Files.readAllBytes(Faces.photo(name, i));
            frames.add(new Frame(seq++, at(t), ImageDecoder.decodeImage(bytes), bytes));
        }

        @Override
        public Optional<Frame> next() {
            Frame f = frames.poll();
            if (f != null) {
                clock.now = f.at();
                while (!events.isEmpty() && !events.peek().getKey().isAfter(f.at())) {
                    events.poll().getValue().run();
                }
            }
            return Optional.ofNullable(f);
        }

        @Override
        public void close() { }
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** What the door would upload: each candidate with the factors it takes, as the controller takes them. */
    private record Sent(Candidate candidate, Map<String, String> factors) {}

    private static List<Sent> run(Script script, PresentedFactors held) {
        return run(script, held, new VisitCooldown(Duration.ofSeconds(10), 0.6f));
    }

    private static List<Sent> run(Script script, PresentedFactors held, VisitCooldown cooldown) {
        List<Sent> sent = new ArrayList<>();
        CaptureLoop loop = new CaptureLoop(script, engine,
                new BestFrameSelector(Duration.ofMillis(600), 0.01f, cooldown),
                c -> sent.add(new Sent(c, held.takeFor("capture-" + c.frame().seq()))), Duration.ZERO, Duration.ZERO,
                false, 90).uploadingWithoutFace(held::cardDue);
        loop.runToEnd();
        return sent;
    }

    @Test
    void givenACardAndNobodyInView_whenItsWindowEnds_thenTheNextFrameGoesWithTheCardAndNoFaceOnce() {
        FrameClock clock = new FrameClock();
        Script script = new Script(clock);
        script.corridor(1, 20, 1);
        PresentedFactors held = new PresentedFactors("lab-door", clock, WINDOW, pinKey);
        held.accept(new Presented.Card("00704242", T0));

        List<Sent> sent = run(script, held);

        assertThat(sent).hasSize(1);
        Sent s = sent.get(0);
        assertThat(s.candidate().hasFace()).isFalse();
        assertThat(s.candidate().approach()).isEmpty();
        assertThat(s.candidate().frame().at()).isEqualTo(at(10));
        assertThat(s.factors()).containsEntry(CaptureMetadata.CARD, "00704242");
    }

    @Test
    void givenACardThenAPinAndNobodyInView_thenTheFrameGoesOnceThePinHasSettledWithBoth() {
        FrameClock clock = new FrameClock();
        Script script = new Script(clock);
        script.corridor(0.5, 8, 0.5);
        PresentedFactors held = new PresentedFactors("lab-door", clock, WINDOW, pinKey);
        held.accept(new Presented.Card("00704242", T0));
        held.accept(new Presented.Pin("530817".toCharArray(), at(1)));

        List<Sent> sent = run(script, held);

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).candidate().hasFace()).isFalse();
        assertThat(sent.get(0).candidate().frame().at()).isEqualTo(at(1).plus(PresentedFactors.PIN_SETTLE));
        assertThat(sent.get(0).factors()).containsEntry(CaptureMetadata.CARD, "00704242")
                .containsKey(CaptureMetadata.PIN_SEALED);
    }

    @Test
    void givenACardThenAFaceInsideTheWindow_thenTheFaceTakesTheCardAndNoFramesGoWithoutAFace() throws Exception {
        FrameClock clock = new FrameClock();
        Script script = new Script(clock);
        script.corridor(1, 3, 1);
        script.photo(9.5, "Colin_Powell", 1);
        script.photo(9.7, "Colin_Powell", 4);
        script.photo(9.9, "Colin_Powell", 7);
        script.corridor(10.2, 25, 1);
        PresentedFactors held = new PresentedFactors("lab-door", clock, WINDOW, pinKey);
        held.accept(new Presented.Card("00704242", T0));

        List<Sent> sent = run(script, held);

        // The approach began inside the window and ended after it: its best frame still takes the card.
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).candidate().hasFace()).isTrue();
        assertThat(sent.get(0).candidate().approach()).hasSize(3);
        assertThat(sent.get(0).factors()).containsEntry(CaptureMetadata.CARD, "00704242");
    }

    @Test
    void givenNoCard_thenFramesWithoutAFaceAreNeverSent() {
        FrameClock clock = new FrameClock();
        Script script = new Script(clock);
        script.corridor(1, 30, 1);

        List<Sent> sent = run(script, new PresentedFactors("lab-door", clock, WINDOW, pinKey));

        assertThat(sent).isEmpty();
    }

    /** Colin Powell walks up, is uploaded face-only, and stays; at 3 s (card or not) he approaches again. */
    private static Script faceThenStay(FrameClock clock) throws Exception {
        Script script = new Script(clock);
        script.photo(1.0, "Colin_Powell", 1);
        script.photo(1.2, "Colin_Powell", 4);
        script.photo(1.4, "Colin_Powell", 7);
        script.corridor(2, 3, 1);
        script.photo(3.5, "Colin_Powell", 1);
        script.photo(3.7, "Colin_Powell", 4);
        script.photo(3.9, "Colin_Powell", 7);
        script.corridor(4.5, 8, 0.5);
        return script;
    }

    @Test
    void givenAFaceOnlyUpload_whenTheSamePersonThenShowsACard_thenTheirFaceGoesUpAgainWithTheCard() throws Exception {
        FrameClock clock = new FrameClock();
        Script script = faceThenStay(clock);
        PresentedFactors held = new PresentedFactors("lab-door", clock, WINDOW, pinKey);
        VisitCooldown cooldown = new VisitCooldown(Duration.ofSeconds(10), 0.6f);
        // As the door assembles its readers: a presented factor starts a new attempt.
        script.events.add(Map.entry(at(3), () -> {
            cooldown.forgetAll();
            held.accept(new Presented.Card("00704242", at(3)));
        }));

        List<Sent> sent = run(script, held, cooldown);

        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).factors()).isEmpty();
        assertThat(sent.get(1).candidate().hasFace()).as("the second upload has his face").isTrue();
        assertThat(sent.get(1).factors()).containsEntry(CaptureMetadata.CARD, "00704242");
    }

    @Test
    void givenAFaceOnlyUpload_whenTheSamePersonStaysWithNoCard_thenTheCooldownKeepsItToOneUpload() throws Exception {
        FrameClock clock = new FrameClock();

        List<Sent> sent = run(faceThenStay(clock), new PresentedFactors("lab-door", clock, WINDOW, pinKey));

        assertThat(sent).hasSize(1);
    }
}

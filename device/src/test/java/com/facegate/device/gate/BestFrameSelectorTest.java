package com.facegate.device.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.capture.Frame;
import com.facegate.engine.Face;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Best-frame choice and one-upload-per-visit, on face records as the engine reports them. */
class BestFrameSelectorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

    private static float[] unit(int hot) {
        float[] v = new float[8];
        v[hot] = 1;
        return v;
    }

    private static Face face(float size, float sharpness, float yaw, float[] embedding) {
        return new Face(new Face.BoundingBox(0.3f, 0.3f, size, size), 99.9f, List.of(), new Face.Pose(0, yaw, 0),
                new Face.Quality(50, sharpness), 0.9f, embedding, null);
    }

    private static Frame frame(long ms) {
        return new Frame(ms, T0.plusMillis(ms), null, new byte[] {(byte) ms});
    }

    private final BestFrameSelector gate = new BestFrameSelector(Duration.ofMillis(600), 0.01f,
            new VisitCooldown(Duration.ofSeconds(10), 0.6f));
    private final List<Candidate> out = new ArrayList<>();

    private void offer(long ms, Face... faces) {
        Frame f = frame(ms);
        Optional<Candidate> c = gate.offer(f, f.encoded(), List.of(faces));
        c.ifPresent(out::add);
    }

    @Test
    void givenAnApproach_whenWindowCloses_thenTheLargestSharpestFrontalFrameIsChosenOnce() {
        float[] alice = unit(0);
        offer(0);
        assertThat(gate.active()).isFalse();
        offer(100, face(0.2f, 60, 0, alice));
        assertThat(gate.active()).isTrue();
        offer(200, face(0.4f, 90, 5, alice)); // best: large, sharp, frontal
        offer(300, face(0.5f, 90, 60, alice)); // larger but turned away
        offer(400, face(0.4f, 20, 0, alice)); // blurred
        offer(800); // window over

        assertThat(out).singleElement().satisfies(c -> assertThat(c.frame().seq()).isEqualTo(200));
        assertThat(gate.active()).isFalse();
    }

    @Test
    void givenSamePersonStillThere_whenNextFramesCome_thenNoSecondCandidateUntilCooldownEnds() {
        float[] alice = unit(0);
        offer(0, face(0.3f, 80, 0, alice));
        offer(700);
        assertThat(out).hasSize(1);

        offer(1000, face(0.3f, 80, 0, alice));
        offer(2000, face(0.3f, 80, 0, alice));
        offer(3000);
        assertThat(out).hasSize(1);
        assertThat(gate.skippedByCooldown()).isEqualTo(2);

        offer(11_000, face(0.3f, 80, 0, alice)); // cooldown (10 s) over: a new visit
        offer(12_000);
        assertThat(out).hasSize(2);
    }

    @Test
    void givenAnotherPersonRightAfter_whenTheyApproach_thenTheyGetTheirOwnCandidate() {
        offer(0, face(0.3f, 80, 0, unit(0)));
        offer(700);
        offer(900, face(0.3f, 80, 0, unit(1)));
        offer(1600);
        assertThat(out).hasSize(2);
    }

    @Test
    void givenTinyFaceInTheBackground_whenOffered_thenIgnored() {
        offer(0, face(0.05f, 80, 0, unit(0))); // area 0.0025 < 1 % of the frame
        offer(700);
        assertThat(out).isEmpty();
        assertThat(gate.active()).isFalse();
    }

    @Test
    void givenAWindowOpen_whenItsTimeIsUp_thenDueEmitsTheBestFrameWithoutAnotherFrameAndOnlyOnce() {
        float[] alice = unit(0);
        offer(0, face(0.3f, 60, 0, alice));
        offer(100, face(0.4f, 90, 0, alice)); // the best
        assertThat(gate.due(T0.plusMillis(599))).isEmpty();
        assertThat(gate.active()).isTrue();

        Optional<Candidate> due = gate.due(T0.plusMillis(600));

        assertThat(due).hasValueSatisfying(c -> assertThat(c.frame().seq()).isEqualTo(100));
        assertThat(gate.active()).isFalse();
        assertThat(gate.due(T0.plusMillis(700))).isEmpty();
        offer(700); // the frame that used to close the window: nothing more
        offer(800, face(0.4f, 90, 0, alice)); // still Alice, within the cooldown
        assertThat(out).isEmpty();
        assertThat(gate.skippedByCooldown()).isEqualTo(1);
    }
}

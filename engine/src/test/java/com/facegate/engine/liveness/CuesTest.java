package com.facegate.engine.liveness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The presentation-attack cues on generated inputs whose truth is known by construction. */
class CuesTest {
    private static final double EYES = 60;

    @Test
    void pointsMappedThroughAHomographyFitItExactly() {
        double[] h = {0.9, 0.1, 14, -0.07, 1.1, -5, 0.0008, 0.0003};
        assertThat(PlaneFit.residual(FacePlanes.POINTS, FacePlanes.map(h, FacePlanes.POINTS))).isLessThan(1e-6);
        double[] bent = FacePlanes.map(h, FacePlanes.POINTS);
        bent[16] += 6; // the nose tip leaves the plane
        assertThat(PlaneFit.residual(FacePlanes.POINTS, bent)).isGreaterThan(0.5);
        assertThatThrownBy(() -> PlaneFit.residual(new double[8], new double[8]))
                .hasMessageContaining("at least 5 points");
    }

    @Test
    void aRigidlyWarpedSequenceScoresRigid() {
        RigidMotion.Result r = RigidMotion.measure(FacePlanes.rigid(8, 0.2, 1), EYES);
        assertThat(r.measured()).isTrue();
        assertThat(r.motion()).isGreaterThan(RigidMotion.MIN_MOTION);
        assertThat(r.rigid()).as("plane miss %s", r.planeMiss()).isTrue();
    }

    @Test
    void aTurningHeadIsNotRigid() {
        RigidMotion.Result r = RigidMotion.measure(FacePlanes.turningHead(8, 20, 0.2, 2), EYES);
        assertThat(r.measured()).isTrue();
        assertThat(r.rigid()).as("plane miss %s", r.planeMiss()).isFalse();
    }

    @Test
    void aStillFaceIsNotJudged() {
        List<double[]> still = new ArrayList<>(Collections.nCopies(6, FacePlanes.POINTS));
        RigidMotion.Result r = RigidMotion.measure(still, EYES);
        assertThat(r.measured()).isFalse();
        assertThat(r.rigid()).isFalse();
        assertThat(RigidMotion.measure(List.of(FacePlanes.POINTS), EYES).measured()).isFalse();
    }

    @Test
    void aSyntheticBlinkIsDetected() {
        double[] blink = {0.31, 0.30, 0.32, 0.22, 0.08, 0.06, 0.19, 0.29, 0.31, 0.30};
        Blink.Result r = Blink.measure(blink);
        assertThat(r.blinked()).isTrue();
        assertThat(r.depth()).isGreaterThan(0.7);
    }

    @Test
    void openEyesClosedEyesAndALookDownAreNoBlink() {
        Random noise = new Random(3);
        double[] open = new double[10];
        double[] closed = new double[10];
        for (int i = 0; i < 10; i++) {
            open[i] = 0.30 + 0.02 * noise.nextGaussian();
            closed[i] = 0.07 + 0.01 * noise.nextGaussian();
        }
        assertThat(Blink.measure(open).blinked()).isFalse();
        assertThat(Blink.measure(closed).blinked()).as("a photo with closed eyes").isFalse();
        double[] lookDown = {0.30, 0.31, 0.29, 0.22, 0.12, 0.09, 0.08};
        assertThat(Blink.measure(lookDown).blinked()).as("eyes that never open again").isFalse();
    }

    @Test
    void eyeOpennessIsLidGapOverCornerDistance() {
        double[] eye = {0, 0, 20, 0, 10, -3, 10, 3};
        assertThat(Blink.openness(eye, eye)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aPixelGridIsPeriodicAndSmoothSkinIsNot() {
        float[] skin = smoothTexture(4);
        assertThat(Moire.measure(skin).periodic()).as("peakiness %s", Moire.measure(skin).peakiness()).isFalse();
        float[] screen = skin.clone();
        int n = Moire.SIDE;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // a screen's sub-pixel grid beating with the camera's: period 2.6 px across, 2.9 px down
                screen[y * n + x] += (float) (14 * Math.cos(2 * Math.PI * x / 2.6) * Math.cos(2 * Math.PI * y / 2.9));
            }
        }
        Moire.Result r = Moire.measure(screen);
        assertThat(r.periodic()).as("peakiness %s", r.peakiness()).isTrue();
    }

    @Test
    void aBorderOnThreeSidesFramesAFaceAndADoorFrameDoesNot() {
        int side = 96;
        float[] print = background(side, 5);
        float[] door = print.clone();
        // a slightly tilted print: bright paper inside a dark room, edges ~6 px from the region's rim
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double tilt = 0.06 * (x - side / 2.0);
                if (y > 8 + tilt && y < 88 + tilt && x > 7 && x < 90) {
                    print[y * side + x] += 90;
                }
            }
        }
        for (int y = 0; y < side; y++) {
            for (int x = 80; x < side; x++) {
                door[y * side + x] += 90; // one vertical edge beside the face
            }
        }
        Framing.Result framed = Framing.measure(print, side, 24, 72, 24, 72);
        assertThat(framed.framed()).as("sides %s", framed.sides()).isTrue();
        Framing.Result beside = Framing.measure(door, side, 24, 72, 24, 72);
        assertThat(beside.sides()).isEqualTo(1);
        assertThat(beside.framed()).isFalse();
    }

    /** Low-frequency blobs plus mild sensor noise: what a face region's spectrum looks like, no grid. */
    private static float[] smoothTexture(long seed) {
        int n = Moire.SIDE;
        Random r = new Random(seed);
        float[] g = new float[n * n];
        double[][] blobs = new double[12][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = new double[] {r.nextDouble() * n, r.nextDouble() * n, 4 + r.nextDouble() * 12,
                    r.nextGaussian() * 30};
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double v = 128;
                for (double[] b : blobs) {
                    double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]);
                    v += b[3] * Math.exp(-d2 / (2 * b[2] * b[2]));
                }
                g[y * n + x] = (float) (v + 1.5 * r.nextGaussian());
            }
        }
        return g;
    }

    private static float[] background(int side, long seed) {
        Random r = new Random(seed);
        float[] g = new float[side * side];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (60 + 3 * r.nextGaussian());
        }
        return g;
    }
}

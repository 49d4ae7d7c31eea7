package com.facegate.engine.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** faceres read-out and input layout, without the model. */
class FaceResModelTest {
    private static float[] bins(int peak, float peakP, float below, float above) {
        float[] p = new float[100];
        p[peak] = peakP;
        if (peak > 0) {
            p[peak - 1] = below;
        }
        if (peak < 99) {
            p[peak + 1] = above;
        }
        return p;
    }

    @Test
    void ageMovesFromTheArgmaxTowardTheLargerNeighbour() {
        // Human: round(p[a-1] > p[a+1] ? 10a - 100 p[a-1] : 10a + 100 p[a+1]) / 10
        assertThat(FaceResModel.age(bins(40, 0.5f, 0.2f, 0.1f))).isCloseTo(38f, within(1e-5f));
        assertThat(FaceResModel.age(bins(40, 0.5f, 0.1f, 0.3f))).isCloseTo(43f, within(1e-5f));
    }

    @Test
    void ageAtTheEdgeBinsDoesNotReadOutsideTheArray() {
        assertThat(FaceResModel.age(bins(0, 0.9f, 0f, 0.05f))).isCloseTo(0.5f, within(1e-5f));
        assertThat(FaceResModel.age(bins(99, 0.9f, 0.05f, 0f))).isCloseTo(98.5f, within(1e-5f));
    }

    @Test
    void interleaveTurnsPlanarRgbIntoPixelMajor() {
        float[] planar = {1, 2, 10, 20, 100, 200}; // R plane, G plane, B plane of a 2-pixel image
        assertThat(FaceResModel.interleave(planar)).containsExactly(1, 10, 100, 2, 20, 200);
    }
}

package com.facegate.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimilarityTest {

    @Test
    void scoreIsMonotonicAndBounded() {
        float prev = -1;
        for (float c = -1f; c <= 1f; c += 0.001f) {
            float s = Similarity.toScore(c);
            assertThat(s).isBetween(0f, 100f).isGreaterThan(prev);
            prev = s;
        }
        assertThat(Similarity.toScore(-5f)).isEqualTo(0f);
        assertThat(Similarity.toScore(5f)).isEqualTo(100f);
        assertThat(Similarity.toScore(Float.NaN)).isEqualTo(0f);
    }

    @Test
    void toCosineInvertsToScore() {
        for (float s = 0.5f; s < 100f; s += 0.5f) {
            assertThat(Similarity.toScore(Similarity.toCosine(s))).isCloseTo(s, within(1e-3f));
        }
        for (float c = -0.99f; c < 1f; c += 0.01f) {
            assertThat(Similarity.toCosine(Similarity.toScore(c))).isCloseTo(c, within(1e-4f));
        }
    }

    @Test
    void highThresholdsNeedHigherCosine() {
        assertThat(Similarity.toCosine(99)).isGreaterThan(Similarity.toCosine(95));
        assertThat(Similarity.toCosine(95)).isGreaterThan(Similarity.toCosine(90));
        assertThat(Similarity.toCosine(90)).isGreaterThan(Similarity.toCosine(80));
    }

    @Test
    void cosineOfUnitVectors() {
        float[] a = {0.6f, 0.8f};
        float[] b = {0.8f, 0.6f};
        assertThat(Similarity.cosine(a, a)).isCloseTo(1f, within(1e-6f));
        assertThat(Similarity.cosine(a, b)).isCloseTo(0.96f, within(1e-6f));
        assertThat(Similarity.score(a, a)).isEqualTo(100f);
    }
}

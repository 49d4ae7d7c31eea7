package com.facegate.engine.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlignmentTest {

    @Test
    void fitRecoversAKnownSimilarityAndInvertUndoesIt() {
        double scale = 1.7, angle = Math.toRadians(12), tx = 30, ty = -8;
        double a = scale * Math.cos(angle), b = scale * Math.sin(angle);
        double[] src = new double[10];
        for (int i = 0; i < 5; i++) {
            double x = Alignment.TEMPLATE[2 * i], y = Alignment.TEMPLATE[2 * i + 1];
            src[2 * i] = a * x - b * y + tx;
            src[2 * i + 1] = b * x + a * y + ty;
        }
        // src = M(template), so the fitted src→template map is M's inverse and alignedToSource is M itself.
        double[] m = Alignment.alignedToSource(src);
        assertThat(m[0]).isCloseTo(a, within(1e-9));
        assertThat(m[3]).isCloseTo(b, within(1e-9));
        assertThat(m[2]).isCloseTo(tx, within(1e-9));
        assertThat(m[5]).isCloseTo(ty, within(1e-9));
        double[] back = Alignment.invert(m);
        double x = back[0] * src[0] + back[1] * src[1] + back[2];
        double y = back[3] * src[0] + back[4] * src[1] + back[5];
        assertThat(x).isCloseTo(Alignment.TEMPLATE[0], within(1e-9));
        assertThat(y).isCloseTo(Alignment.TEMPLATE[1], within(1e-9));
    }

    @Test
    void nmsKeepsTheBestOfOverlappingBoxesAndSquaresThem() {
        // Three candidates: two overlapping (IoU > 0.4) and one apart; plus one below the score threshold.
        float[] scores = {0.1f, 0.9f, 0.2f, 0.8f, 0.05f, 0.95f, 0.5f, 0.5f};
        float[] boxes = {
                0.10f, 0.10f, 0.30f, 0.40f,
                0.11f, 0.10f, 0.31f, 0.41f,
                0.60f, 0.50f, 0.80f, 0.80f,
                0.00f, 0.00f, 0.90f, 0.90f};
        List<Detection> d = FaceDetector.decode(scores, boxes, 100, 100);
        assertThat(d).hasSize(2);
        assertThat(d.get(0).score()).isEqualTo(0.95f);
        assertThat(d.get(1).score()).isEqualTo(0.9f);
        for (Detection x : d) {
            assertThat(x.x2() - x.x1()).isCloseTo(x.y2() - x.y1(), within(1e-4f));
        }
        assertThat(d.get(1).side()).isCloseTo(30f, within(1e-3f));
    }
}

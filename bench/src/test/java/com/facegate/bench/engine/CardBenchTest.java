package com.facegate.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CardBenchTest {
    /** Unit vectors along axis {@code i} of 4, nudged along axis 3 by {@code off} (then normalised). */
    private static float[] v(int i, float off) {
        float[] x = new float[4];
        x[i] = 1f;
        x[3] += off;
        float n = (float) Math.sqrt(1 + off * off + (i == 3 ? 2 * off : 0));
        for (int k = 0; k < 4; k++) {
            x[k] /= n;
        }
        return x;
    }

    // Ann: 3 photos (one enrolled, two probes), Bob: 2 (one and one), Cid: 1 (no card, only ever an impostor).
    private static final List<String> NAMES = List.of("Ann", "Bob", "Cid");
    private static final int[] OWNER = {0, 0, 0, 1, 1, 2};
    private static final float[][] VECTORS = {v(0, 0), v(0, 0.2f), v(0, 3f), v(1, 0), v(1, 0.1f), v(2, 0)};

    @Test
    void everyCardMeetsItsOwnProbesAndEveryOtherPersonsPhotos() throws Exception {
        CardBench.Pairs p = CardBench.score(NAMES, OWNER, VECTORS, 1, List.of(), 2);
        assertThat(p.genuine()).hasSize(3);
        // Ann's card against Bob's two and Cid's one; Bob's card against Ann's three and Cid's one.
        assertThat(p.impostor()).hasSize(7);
        for (float s : p.impostor()) {
            assertThat(s).isLessThan(0.5f);
        }
        // Ann's third photo is mostly axis 3: it is the one genuine pair under a high threshold.
        assertThat(CardBench.fnir(p.genuine(), 0.9f)).isEqualTo(1 / 3.0);
    }

    @Test
    void twoNamesOfOnePersonAreNoImpostorsAndKPhotosAreEnrolled() throws Exception {
        CardBench.Pairs p = CardBench.score(NAMES, OWNER, VECTORS, 2, List.of(List.of("Bob", "Ann")), 1);
        // Ann enrols two photos (one probe left); Bob keeps one probe (n - 1 = 1 enrolled).
        assertThat(p.genuine()).hasSize(2);
        assertThat(p.impostor()).hasSize(2);
    }

    @Test
    void theThresholdLetsThroughAtMostTheAskedShareOfImpostors() {
        float[] impostor = new float[1000];
        for (int i = 0; i < impostor.length; i++) {
            impostor[i] = i / 1000f;
        }
        float t = CardBench.threshold(impostor, 1e-2);
        long above = 0;
        for (float s : impostor) {
            above += s >= t ? 1 : 0;
        }
        assertThat(above).isEqualTo(10);
    }
}

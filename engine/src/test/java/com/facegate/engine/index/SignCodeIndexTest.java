package com.facegate.engine.index;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignCodeIndexTest {
    private static final int DIM = 512;

    static float[] unit(Random r) {
        float[] v = new float[DIM];
        double s = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) r.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < DIM; i++) {
            v[i] /= (float) Math.sqrt(s);
        }
        return v;
    }

    /** Unit vector at cosine c from v. */
    static float[] near(Random r, float[] v, float c) {
        float[] n = unit(r);
        double d = 0;
        for (int i = 0; i < DIM; i++) {
            d += n[i] * v[i];
        }
        double s = 0;
        for (int i = 0; i < DIM; i++) {
            n[i] -= (float) d * v[i];
            s += n[i] * n[i];
        }
        float sin = (float) Math.sqrt(1 - c * c);
        float[] out = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            out[i] = c * v[i] + sin * n[i] / (float) Math.sqrt(s);
        }
        return out;
    }

    static List<FaceIndex.Hit> bruteForce(List<float[]> data, float[] q, int k, float min) {
        List<FaceIndex.Hit> all = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            float s = 0;
            for (int j = 0; j < DIM; j++) {
                s += data.get(i)[j] * q[j];
            }
            if (s >= min) {
                all.add(new FaceIndex.Hit("f" + i, s));
            }
        }
        all.sort(Comparator.comparingDouble(FaceIndex.Hit::cosine).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    @Test
    void exactSearchMatchesBruteForce() {
        Random r = new Random(3);
        FaceIndex index = FaceIndex.create(DIM);
        List<float[]> data = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            float[] v = unit(r);
            data.add(v);
            index.add("f" + i, v);
        }
        for (int q = 0; q < 20; q++) {
            float[] query = q % 2 == 0 ? unit(r) : near(r, data.get(r.nextInt(data.size())), 0.4f);
            List<FaceIndex.Hit> got = index.search(query, 10, -1f);
            List<FaceIndex.Hit> want = bruteForce(data, query, 10, -1f);
            assertThat(got).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(got.get(i).faceId()).isEqualTo(want.get(i).faceId());
                assertThat(got.get(i).cosine()).isCloseTo(want.get(i).cosine(),
                        org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThat(index.search(query, 10, 0.3f)).isEqualTo(
                    index.search(query, 10, -1f).stream().filter(h -> h.cosine() >= 0.3f).toList());
        }
    }

    @Test
    void signCodePrefilterFindsNearDuplicates() {
        Random r = new Random(5);
        SignCodeIndex index = new SignCodeIndex(DIM, 0, 300);
        List<float[]> data = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            float[] v = unit(r);
            data.add(v);
            index.add("f" + i, v);
        }
        int found = 0;
        for (int q = 0; q < 50; q++) {
            int target = r.nextInt(data.size());
            List<FaceIndex.Hit> hits = index.search(near(r, data.get(target), 0.5f), 5, 0.2f);
            found += !hits.isEmpty() && hits.get(0).faceId().equals("f" + target) ? 1 : 0;
            assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(FaceIndex.Hit::cosine).reversed());
        }
        assertThat(found).isEqualTo(50);
        float[] query = near(r, data.get(7), 0.6f);
        assertThat(index.searchExact(query, 3, -1f).get(0)).isEqualTo(index.search(query, 3, -1f).get(0));
    }

    @Test
    void addReplaceAndRemoveKeepTheIndexDense() {
        Random r = new Random(9);
        FaceIndex index = FaceIndex.create(DIM);
        float[] a = unit(r), b = unit(r), c = unit(r);
        index.add("a", a);
        index.add("b", b);
        index.add("c", c);
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.search(a, 1, 0.9f)).extracting(FaceIndex.Hit::faceId).containsExactly("a");
        assertThat(index.remove("a")).isTrue();
        assertThat(index.remove("a")).isFalse();
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(a, 5, 0.9f)).isEmpty();
        assertThat(index.search(c, 1, 0.9f)).extracting(FaceIndex.Hit::faceId).containsExactly("c");
        index.add("b", c); // replacing b's vector
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(c, 5, 0.99f)).extracting(FaceIndex.Hit::faceId).containsExactlyInAnyOrder("b", "c");
        assertThat(index.search(b, 5, 0.9f)).isEmpty();
        assertThat(index.search(c, 0, -1f)).isEmpty();
        assertThatThrownBy(() -> index.add("x", new float[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(new float[3], 1, 0f)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removalAcrossSlabsKeepsEveryOtherFaceFindable() {
        Random r = new Random(11);
        FaceIndex index = FaceIndex.create(DIM);
        int n = SignCodeIndex.SLAB_FACES + 100;
        List<float[]> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = unit(r);
            data.add(v);
            index.add("f" + i, v);
        }
        for (int i = 0; i < n; i += 3) {
            assertThat(index.remove("f" + i)).isTrue();
        }
        for (int i = 0; i < n; i += 97) {
            List<FaceIndex.Hit> hits = index.search(data.get(i), 1, 0.99f);
            if (i % 3 == 0) {
                assertThat(hits).isEmpty();
            } else {
                assertThat(hits).extracting(FaceIndex.Hit::faceId).containsExactly("f" + i);
            }
        }
    }
}

package com.facegate.protocol.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GalleryCodecTest {
    private static final SecureRandom R = new SecureRandom();

    private static byte[] key() {
        byte[] k = new byte[32];
        R.nextBytes(k);
        return k;
    }

    private static float[] vec(int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) R.nextGaussian();
        }
        return v;
    }

    @Test
    void givenGallery_whenEncryptedAndDecryptedWithTheDoorKey_thenTemplatesRoundTrip() throws Exception {
        byte[] key = key();
        float[] a = vec(512);
        Gallery g = new Gallery("door-1", Instant.parse("2026-01-01T00:00:00Z"), 512,
                Map.of("B1", List.of(a), "B2", List.of(vec(512), vec(512))));

        byte[] file = GalleryCodec.encrypt(g, key);
        Gallery back = GalleryCodec.decrypt(file, key, "door-1");

        assertThat(back.badges()).containsOnlyKeys("B1", "B2");
        assertThat(back.badges().get("B1").get(0)).containsExactly(a);
        assertThat(back.templates()).isEqualTo(3);
    }

    @Test
    void givenTheDoorsModes_whenRoundTripped_thenEachInstantHasItsModeAndNoneIsKnownOutsideTheTimeline()
            throws Exception {
        byte[] key = key();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Gallery g = new Gallery("door-1", t0, 4, Map.of(), List.of(new ModeSpan(t0, "FACE", false),
                new ModeSpan(t0.plusSeconds(3600), "CARD_AND_FACE", true)), t0.plusSeconds(7200));

        Gallery back = GalleryCodec.decrypt(GalleryCodec.encrypt(g, key), key, "door-1");

        assertThat(back.modes()).isEqualTo(g.modes());
        assertThat(back.modeAt(t0.minusSeconds(1))).isEmpty();
        assertThat(back.modeAt(t0)).hasValueSatisfying(m -> assertThat(m.takesCard()).isFalse());
        assertThat(back.modeAt(t0.plusSeconds(3599))).hasValueSatisfying(m -> assertThat(m.mode()).isEqualTo("FACE"));
        assertThat(back.modeAt(t0.plusSeconds(3600))).hasValueSatisfying(m -> assertThat(m.takesCard()).isTrue());
        assertThat(back.modeAt(t0.plusSeconds(7200))).as("past the timeline").isEmpty();
        Gallery old = GalleryCodec.decrypt(GalleryCodec.encrypt(new Gallery("door-1", t0, 4, Map.of()), key), key,
                "door-1");
        assertThat(old.modesUntil()).isNull();
        assertThat(old.modeAt(t0)).isEmpty();
    }

    @Test
    void givenTamperedFileOtherDoorOrWrongKey_whenDecrypting_thenRefused() throws Exception {
        byte[] key = key();
        byte[] file = GalleryCodec.encrypt(new Gallery("door-1", Instant.now(), 4, Map.of("B1", List.of(vec(4)))), key);
        byte[] tampered = file.clone();
        tampered[tampered.length - 20] ^= 1;

        assertThatThrownBy(() -> GalleryCodec.decrypt(tampered, key, "door-1"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> GalleryCodec.decrypt(file, key, "door-2"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> GalleryCodec.decrypt(file, key(), "door-1"))
                .isInstanceOf(GeneralSecurityException.class);
    }
}

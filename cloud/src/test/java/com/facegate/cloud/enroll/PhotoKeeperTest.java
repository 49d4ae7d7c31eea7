package com.facegate.cloud.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.registry.PhotoEnrollment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.ImageQuality;
import software.amazon.awssdk.services.rekognition.model.Pose;

/** Which photo a badge gives up for a new one, and how the gate ranks photos. */
class PhotoKeeperTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static PhotoEnrollment kept(String key, Double quality, int minutes) {
        return new PhotoEnrollment("B-1", key, "e", PhotoEnrollment.Status.ENROLLED, List.of(), "face-" + key, null,
                T0.plusSeconds(60L * minutes), quality);
    }

    @Test
    void belowTheMaximumEveryGoodPhotoIsAdded() {
        assertThat(PhotoKeeper.decide(List.of(kept("a", 80.0, 0)), 2, 1.0).kind()).isEqualTo(PhotoKeeper.Kind.ADD);
        assertThat(PhotoKeeper.decide(List.of(), 1, 0.0).kind()).isEqualTo(PhotoKeeper.Kind.ADD);
    }

    @Test
    void atTheMaximumABetterPhotoReplacesTheLowestScoredOne() {
        List<PhotoEnrollment> kept = List.of(kept("a", 60.0, 0), kept("b", 30.0, 1), kept("c", 70.0, 2));
        PhotoKeeper.Outcome o = PhotoKeeper.decide(kept, 3, 45.0);
        assertThat(o.kind()).isEqualTo(PhotoKeeper.Kind.REPLACE);
        assertThat(o.replaced()).extracting(PhotoEnrollment::photoKey).containsExactly("b");
    }

    @Test
    void atTheMaximumAPhotoNoBetterThanTheWorstIsRefused() {
        List<PhotoEnrollment> kept = List.of(kept("a", 60.0, 0), kept("b", 30.0, 1));
        assertThat(PhotoKeeper.decide(kept, 2, 30.0).kind()).isEqualTo(PhotoKeeper.Kind.REFUSE);
        assertThat(PhotoKeeper.decide(kept, 2, 10.0).kind()).isEqualTo(PhotoKeeper.Kind.REFUSE);
        // Over the maximum (photos delivered together, or a lowered setting): a better photo restores it.
        assertThat(PhotoKeeper.decide(kept, 1, 61.0).replaced()).extracting(PhotoEnrollment::photoKey)
                .containsExactly("b", "a");
        assertThat(PhotoKeeper.decide(kept, 1, 59.0).kind()).as("not better than the best kept")
                .isEqualTo(PhotoKeeper.Kind.REFUSE);
    }

    @Test
    void aPhotoWithoutAScoreGoesFirstAndTiesGoToTheOlder() {
        List<PhotoEnrollment> kept = List.of(kept("scored", 5.0, 0), kept("legacy", null, 1));
        assertThat(PhotoKeeper.decide(kept, 2, 1.0).replaced()).extracting(PhotoEnrollment::photoKey)
                .containsExactly("legacy");
        List<PhotoEnrollment> tie = List.of(kept("newer", 40.0, 5), kept("older", 40.0, 1));
        assertThat(PhotoKeeper.decide(tie, 2, 41.0).replaced()).extracting(PhotoEnrollment::photoKey)
                .containsExactly("older");
    }

    static FaceDetail face(float sharpness, float brightness, float yaw, float pitch) {
        return FaceDetail.builder().confidence(99f)
                .boundingBox(BoundingBox.builder().left(0.3f).top(0.2f).width(0.4f).height(0.5f).build())
                .quality(ImageQuality.builder().sharpness(sharpness).brightness(brightness).build())
                .pose(Pose.builder().yaw(yaw).pitch(pitch).roll(0f).build()).build();
    }

    @Test
    void theQualityScoreFavoursSharpFrontalWellExposedFaces() {
        PhotoQualityGate gate = new PhotoQualityGate(PhotoQualityGate.Limits.defaults());
        double best = gate.score(List.of(face(80, 50, 0, 0)));
        assertThat(best).isEqualTo(80.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(gate.score(List.of(face(40, 50, 0, 0)))).isLessThan(best);
        assertThat(gate.score(List.of(face(80, 50, 25, 0)))).isLessThan(best);
        assertThat(gate.score(List.of(face(80, 50, 0, -20)))).isLessThan(best);
        assertThat(gate.score(List.of(face(80, 90, 0, 0)))).isLessThan(best);
        assertThat(gate.score(List.of(face(80, 50, 0, 0), face(80, 50, 0, 0)))).as("two faces").isZero();
        assertThat(gate.score(List.of())).isZero();
    }
}

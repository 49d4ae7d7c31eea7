package com.facegate.cloud.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.LivenessCues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;

/** FACEGATE_LIVENESS=door against the metadata a door writes, and against what a broken or hostile one might. */
class DoorLivenessTest {
    private static final DetectFacesResponse NONE = DetectFacesResponse.builder().build();
    private final LivenessCheck door = LivenessCheck.forMode("door");

    private Optional<String> refusal(Map<String, String> metadata, float floor) {
        return door.refusal(NONE, 0, metadata, floor);
    }

    private static Map<String, String> measured(String score, List<String> failed) {
        return Map.of(CaptureMetadata.LIVENESS, score, CaptureMetadata.LIVENESS_CUES,
                LivenessCues.format(Map.of(LivenessCues.TEXTURE, "88"), failed));
    }

    @Test
    void doorIsTheDefaultAndALiveCaptureAboveTheFloorPasses() {
        assertThat(LivenessCheck.forMode(null)).isInstanceOf(DoorLiveness.class);
        assertThat(LivenessCheck.forMode("")).isInstanceOf(DoorLiveness.class);
        assertThat(door.available()).isTrue();
        assertThat(refusal(measured("93", List.of()), 10f)).isEmpty();
    }

    @Test
    void aFailedCueIsNamedAndRefusesEvenWithAZeroFloor() {
        assertThat(refusal(measured("5", List.of(LivenessCues.MOIRE, LivenessCues.FRAMING)), 10f))
                .hasValue("liveness 5 (floor 10), failed: moire,framing");
        assertThat(refusal(measured("60", List.of(LivenessCues.RIGID_MOTION)), 0f))
                .hasValue("liveness 60 (floor 0), failed: rigid_motion");
        assertThat(refusal(measured("7", List.of()), 10f)).hasValue("liveness 7 (floor 10), failed: texture");
    }

    @Test
    void theScoreJudgedIsTheDoorsOwnOrNone() {
        assertThat(door.score(NONE, 0, measured("93", List.of()))).hasValue(93.0);
        assertThat(door.score(NONE, 0, Map.of())).isEmpty();
        assertThat(door.score(NONE, 0, Map.of(CaptureMetadata.LIVENESS, "100.5"))).isEmpty();
        assertThat(LivenessCheck.forMode("off").score(NONE, 0, measured("93", List.of()))).isEmpty();
    }

    @Test
    void missingOrGarbledMetadataIsRefusedWithTheReason() {
        assertThat(refusal(Map.of(), 10f)).hasValue("no door liveness score on the capture");
        for (String bad : List.of("NaN", "-1", "100.5", "ninety", "1234567890", "")) {
            assertThat(refusal(Map.of(CaptureMetadata.LIVENESS, bad, CaptureMetadata.LIVENESS_CUES, "failed=none"),
                    10f)).as(bad).hasValue("door liveness score is not a number 0..100");
        }
        for (String bad : List.of("texture=88", "failed=none; drop table", "FAILED=NONE", "x".repeat(300))) {
            assertThat(refusal(Map.of(CaptureMetadata.LIVENESS, "93", CaptureMetadata.LIVENESS_CUES, bad), 10f))
                    .as(bad).hasValue("door liveness cues missing or unreadable");
        }
        assertThat(refusal(Map.of(CaptureMetadata.LIVENESS, "93"), 10f))
                .hasValue("door liveness cues missing or unreadable");
    }
}

package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handlers' settings: today's defaults, the same environment variable names, every problem at once. */
class CloudConfigTest {
    @Test
    void onlyTheBucketSetGivesTodaysDefaults() {
        CloudConfig c = CloudConfig.fromEnv(Map.of("FACEGATE_BUCKET", "site"));

        assertThat(c.bucket()).isEqualTo("site");
        assertThat(c.collectionId()).isEqualTo("facegate");
        assertThat(c.matchThreshold()).isEqualTo(99f);
        assertThat(c.decisionTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.denyMultipleFaces()).isTrue();
        assertThat(c.minFaceFraction()).isEqualTo(0.10);
        assertThat(c.minSharpness()).isEqualTo(5f);
        assertThat(c.minBrightness()).isEqualTo(5f);
        assertThat(c.livenessMode()).isEqualTo("door");
        assertThat(c.minLiveness()).isEqualTo(10f);
        assertThat(c.duplicateThreshold()).isEqualTo(95f);
        assertThat(c.registryFreshFor()).isEqualTo(Duration.ZERO);
        assertThat(c.samePersonThreshold()).isEqualTo(90f);
        assertThat(CloudConfig.defaults("site").toBuilder().build().samePersonThreshold()).isEqualTo(90f);
        assertThat(c.maxPhotosPerBadge()).isEqualTo(5);
    }

    @Test
    void everyVariableIsReadUnderItsName() {
        CloudConfig c = CloudConfig.fromEnv(Map.ofEntries(Map.entry("FACEGATE_BUCKET", "b"),
                Map.entry("FACEGATE_COLLECTION_ID", "hq"), Map.entry("FACEGATE_MATCH_THRESHOLD", "97.5"),
                Map.entry("FACEGATE_DECISION_TTL_SECONDS", "2.5"), Map.entry("FACEGATE_MULTI_FACE_DENY", "false"),
                Map.entry("FACEGATE_MIN_FACE_FRACTION", "0.2"), Map.entry("FACEGATE_MIN_SHARPNESS", "7"),
                Map.entry("FACEGATE_MIN_BRIGHTNESS", "8"), Map.entry("FACEGATE_LIVENESS", "local"),
                Map.entry("FACEGATE_MIN_LIVENESS", "30"), Map.entry("FACEGATE_DUPLICATE_THRESHOLD", "96"),
                Map.entry("FACEGATE_REGISTRY_FRESH_MILLIS", "1500"),
                Map.entry("FACEGATE_SAME_PERSON_THRESHOLD", "85"), Map.entry("FACEGATE_MAX_PHOTOS_PER_BADGE", "3")));

        assertThat(c.collectionId()).isEqualTo("hq");
        assertThat(c.matchThreshold()).isEqualTo(97.5f);
        assertThat(c.decisionTtl()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.denyMultipleFaces()).isFalse();
        assertThat(c.minFaceFraction()).isEqualTo(0.2);
        assertThat(c.minSharpness()).isEqualTo(7f);
        assertThat(c.minBrightness()).isEqualTo(8f);
        assertThat(c.livenessMode()).isEqualTo("local");
        assertThat(c.minLiveness()).isEqualTo(30f);
        assertThat(c.duplicateThreshold()).isEqualTo(96f);
        assertThat(c.registryFreshFor()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.samePersonThreshold()).isEqualTo(85f);
        CloudConfig copy = c.toBuilder().matchThreshold(90f).build();
        assertThat(copy.matchThreshold()).isEqualTo(90f);
        assertThat(copy.samePersonThreshold()).isEqualTo(85f);
        assertThat(copy.livenessMode()).isEqualTo("local");
        assertThat(copy.maxPhotosPerBadge()).isEqualTo(3);
    }

    @Test
    void everyBadVariableIsReportedAtOnce() {
        assertThatThrownBy(() -> CloudConfig.fromEnv(Map.of("FACEGATE_BUCKET", "b",
                "FACEGATE_MATCH_THRESHOLD", "high", "FACEGATE_MIN_LIVENESS", "ten",
                "FACEGATE_DECISION_TTL_SECONDS", "120")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FACEGATE_MATCH_THRESHOLD is not a number")
                .hasMessageContaining("FACEGATE_MIN_LIVENESS is not a number")
                .hasMessageContaining("decision TTL must be within (0, 60s]");
        assertThatThrownBy(() -> CloudConfig.fromEnv(Map.of())).hasMessage("FACEGATE_BUCKET is not set");
        assertThatThrownBy(() -> CloudConfig.builder("b").matchThreshold(101).samePersonThreshold(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("match threshold outside 0..100; same-person threshold outside 0..100");
        assertThatThrownBy(() -> CloudConfig.builder("b").maxPhotosPerBadge(0).build())
                .hasMessage("max photos per badge outside 1..100");
    }
}

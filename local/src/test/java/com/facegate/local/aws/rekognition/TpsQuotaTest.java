package com.facegate.local.aws.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Rekognition's TPS quota: a second's worth of calls per operation, then ThrottlingException until it refills. */
class TpsQuotaTest {
    @Test
    void theSixthCallInASecondIsThrottledAndTheQuotaRefills() throws Exception {
        TpsQuota quota = new TpsQuota(5);
        for (int i = 0; i < 5; i++) {
            quota.take("SearchFacesByImage");
        }
        assertThatThrownBy(() -> quota.take("SearchFacesByImage")).isInstanceOfSatisfying(RekognitionException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("ThrottlingException");
                    assertThat(e.status()).isEqualTo(500);
                });
        quota.take("DetectFaces"); // each operation has its own quota
        Thread.sleep(300);
        quota.take("SearchFacesByImage");
        new TpsQuota(0).take("SearchFacesByImage"); // no quota
    }
}

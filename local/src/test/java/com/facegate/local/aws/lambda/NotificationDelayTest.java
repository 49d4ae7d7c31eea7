package com.facegate.local.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The AWS-like S3 notification delay: most within a second or two, a tail to tens of seconds, capped; NONE is 0. */
class NotificationDelayTest {
    @Test
    void awsLikeDelaysHaveTheirDocumentedShape() {
        SplittableRandom r = new SplittableRandom(14);
        long[] ms = new long[20_000];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = NotificationDelay.AWS_LIKE.draw(r).toMillis();
        }
        Arrays.sort(ms);
        assertThat(ms[ms.length / 2]).isBetween(1000L, 1500L);
        assertThat(ms[ms.length * 80 / 100]).isLessThan(2500L);
        assertThat(ms[ms.length * 99 / 100]).isGreaterThan(10_000L);
        assertThat(ms[ms.length - 1]).isLessThanOrEqualTo(60_000L);
        assertThat(NotificationDelay.NONE.draw(r)).isEqualTo(Duration.ZERO);
    }
}

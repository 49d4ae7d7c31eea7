package com.facegate.device.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.decision.HonouredIds.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The once-only memory is bounded by its window: nothing inside it is forgotten, whatever the count. */
class HonouredIdsTest {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void givenMemoryFullOfIdsInsideTheWindow_whenAnotherArrives_thenItIsRefusedAndNoneIsForgotten() throws Exception {
        try (HonouredIds ids = new HonouredIds(dir.resolve("ids.log"), 3, WINDOW)) {
            assertThat(ids.remember("a", T0)).isEqualTo(Outcome.REMEMBERED);
            assertThat(ids.remember("b", T0.plusSeconds(1))).isEqualTo(Outcome.REMEMBERED);
            assertThat(ids.remember("c", T0.plusSeconds(2))).isEqualTo(Outcome.REMEMBERED);

            assertThat(ids.remember("d", T0.plusSeconds(9))).isEqualTo(Outcome.FULL);
            assertThat(ids.contains("a")).isTrue();
            assertThat(ids.contains("d")).isFalse();
            assertThat(ids.remember("a", T0.plusSeconds(9))).isEqualTo(Outcome.ALREADY_HONOURED);

            // "a" leaves the window: now there is room, and only "a" went.
            assertThat(ids.remember("d", T0.plusSeconds(10).plusMillis(1))).isEqualTo(Outcome.REMEMBERED);
            assertThat(ids.contains("a")).isFalse();
            assertThat(ids.contains("b")).isTrue();
            assertThat(ids.fullProblem("id").toString())
                    .isEqualTo("id: once-only memory holds 3 ids honoured in the last 10 s; "
                            + "refused rather than forget one");
        }
    }

    @Test
    void givenClockSteppedBack_whenForgetting_thenAnIdStillInsideTheWindowStaysThoughOlderOnesGo() throws Exception {
        try (HonouredIds ids = new HonouredIds(dir.resolve("ids.log"), 10, WINDOW)) {
            ids.remember("late", T0.plusSeconds(100));
            ids.remember("stepped-back", T0.plusSeconds(95));
            ids.remember("x", T0.plusSeconds(104)); // cutoff 94: both kept
            assertThat(ids.contains("late")).isTrue();
            assertThat(ids.contains("stepped-back")).isTrue();
            ids.remember("y", T0.plusSeconds(106)); // cutoff 96: the older one goes although it came second
            assertThat(ids.contains("stepped-back")).isFalse();
            assertThat(ids.contains("late")).isTrue();
        }
    }

    @Test
    void givenManyIdsOverTime_whenCompactedAndReopened_thenTheFileIsBoundedAndInWindowIdsSurvive() throws Exception {
        Path file = dir.resolve("ids.log");
        try (HonouredIds ids = new HonouredIds(file, 4, WINDOW)) {
            for (int i = 0; i < 40; i++) {
                assertThat(ids.remember("id-" + i, T0.plusSeconds(5L * i))).isEqualTo(Outcome.REMEMBERED);
            }
            assertThat(ids.size()).isLessThanOrEqualTo(3);
        }
        assertThat(Files.readAllLines(file)).hasSizeLessThanOrEqualTo(8);
        try (HonouredIds reopened = new HonouredIds(file, 4, WINDOW)) {
            assertThat(reopened.contains("id-39")).isTrue();
            assertThat(reopened.contains("id-38")).isTrue();
            assertThat(reopened.remember("id-39", T0.plusSeconds(196))).isEqualTo(Outcome.ALREADY_HONOURED);
        }
    }
}

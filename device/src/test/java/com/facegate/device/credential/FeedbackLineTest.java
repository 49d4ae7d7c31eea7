package com.facegate.device.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.support.TestDoors;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status LED / buzzer line on Pi4J's mock output: a pattern per cue, back to off, off on close and fault. */
class FeedbackLineTest {
    private Context pi4j;

    @BeforeEach
    void setUp() {
        pi4j = TestDoors.mockPi4j();
    }

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
    }

    private DigitalState level(int pin) {
        return pi4j.io("feedback-" + pin, DigitalOutput.class).state();
    }

    @Test
    void givenAnActiveLowLed_whenCreated_thenItIsDrivenHighWhichIsOff() {
        try (FeedbackLine line = new FeedbackLine(new GpioIndicator(pi4j, 12, false))) {
            assertThat(level(12)).isEqualTo(DigitalState.HIGH);
            assertThat(line.showing()).isEqualTo(Cue.IDLE);
        }
    }

    @Test
    void givenPinWrong_whenShown_thenTheLineBlinksAndReturnsToIdleAndOffAfterItsHold() {
        List<Boolean> levels = new CopyOnWriteArrayList<>();
        Indicator recording = new Indicator() {
            private final GpioIndicator led = new GpioIndicator(pi4j, 12, true);

            @Override
            public void set(boolean on) {
                levels.add(on);
                led.set(on);
            }

            @Override
            public void close() {
                led.close();
            }
        };
        try (FeedbackLine line = new FeedbackLine(recording)) {
            line.show(Cue.PIN_WRONG);

            assertThat(line.showing()).isEqualTo(Cue.PIN_WRONG);
            await().atMost(Duration.ofSeconds(10)).until(() -> line.showing() == Cue.IDLE);
            // three short pulses per round: on, off, on, off, on, off ... then off for good
            assertThat(levels.subList(1, 7)).containsExactly(true, false, true, false, true, false);
            assertThat(levels.get(levels.size() - 1)).isFalse();
            assertThat(level(12)).isEqualTo(DigitalState.LOW);
        }
    }

    @Test
    void givenLookAtTheCamera_whenTheDaemonClosesTheLineMidPattern_thenTheLineIsOffAndStaysOff() throws Exception {
        FeedbackLine line = new FeedbackLine(new GpioIndicator(pi4j, 13, true));
        line.show(Cue.ENTER_PIN);
        assertThat(level(13)).isEqualTo(DigitalState.HIGH);

        line.close();
        line.show(Cue.LOOK_AT_CAMERA);
        Thread.sleep(100);

        assertThat(level(13)).isEqualTo(DigitalState.LOW);
    }

    @Test
    void givenALineThatFailsToLight_whenACueIsShown_thenNothingThrowsAndTheLineIsTurnedOff() {
        AtomicBoolean lastSetOn = new AtomicBoolean(true);
        Indicator broken = new Indicator() {
            @Override
            public void set(boolean on) {
                lastSetOn.set(on);
                if (on) {
                    throw new IllegalStateException("GPIO write failed");
                }
            }

            @Override
            public void close() {}
        };
        try (FeedbackLine line = new FeedbackLine(broken)) {
            line.show(Cue.LOOK_AT_CAMERA);

            assertThat(lastSetOn).isFalse();
        }
    }
}

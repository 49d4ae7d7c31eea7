package com.facegate.device.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.support.TestDoors;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GPIO path: falling edges on Pi4J's mock D0/D1 inputs become cards and PINs. Time is stepped by hand. */
class WiegandReaderTest {
    private static final long MS = 1_000_000L;

    private Context pi4j;
    private final AtomicLong nanos = new AtomicLong(1_000 * MS);
    private final List<Presented> presented = new CopyOnWriteArrayList<>();
    private WiegandReader reader;

    @BeforeEach
    void setUp() {
        pi4j = TestDoors.mockPi4j();
    }

    @AfterEach
    void tearDown() {
        if (reader != null) {
            reader.close();
        }
        pi4j.shutdown();
    }

    private WiegandReader start(KeypadSettings keypad) {
        reader = new WiegandReader(pi4j, new WiegandReader.Lines(5, 6),
                new WiegandDecoder(Duration.ofNanos(100_000), Duration.ofMillis(25)), presented::add, keypad,
                Clock.systemUTC(), nanos::get).start();
        line(5).mockState(DigitalState.HIGH);
        line(6).mockState(DigitalState.HIGH);
        return reader;
    }

    private MockDigitalInput line(int pin) {
        return (MockDigitalInput) pi4j.io("wiegand-d" + (pin == 5 ? 0 : 1) + "-" + pin, DigitalInput.class);
    }

    /** Pulses D0 or D1 low then high for each bit, 2 ms apart, then 30 ms of silence. */
    private void pulse(String bits) {
        for (int i = 0; i < bits.length(); i++) {
            char b = bits.charAt(i);
            MockDigitalInput in = line(b == '0' ? 5 : 6);
            in.mockState(DigitalState.LOW);
            in.mockState(DigitalState.HIGH);
            nanos.addAndGet(2 * MS);
        }
        nanos.addAndGet(30 * MS);
    }

    @Test
    void givenA26BitCardOnTheMockLines_whenTheLinesFallSilent_thenTheCardIsPresented() {
        start(null);

        pulse(WiegandBits.h26(12, 345));

        await().atMost(Duration.ofSeconds(5)).until(() -> !presented.isEmpty());
        assertThat(presented).hasSize(1);
        assertThat(((Presented.Card) presented.get(0)).number()).isEqualTo("01200345");
        assertThat(line(5).pull()).isEqualTo(PullResistance.PULL_UP);
    }

    @Test
    void givenABadParityFrameThenAGoodOne_whenRead_thenOnlyTheGoodCardIsPresented() {
        start(null);

        pulse(WiegandBits.flip(WiegandBits.w34(4321, 60000), 3));
        pulse(WiegandBits.w34(4321, 60001));

        await().atMost(Duration.ofSeconds(5)).until(() -> !presented.isEmpty());
        assertThat(presented).extracting(p -> ((Presented.Card) p).number()).containsExactly("0432160001");
    }

    @Test
    void givenAWiegandKeypad_whenFourDigitsAndHashAreBurst_thenOnePinIsPresented() {
        start(new KeypadSettings(8, Duration.ofSeconds(5)));

        for (int key : new int[] {1, 9, 8, 4, 11}) {
            pulse(WiegandBits.key8(key));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> !presented.isEmpty());
        assertThat(presented).hasSize(1);
        assertThat(((Presented.Pin) presented.get(0)).digits()).containsExactly('1', '9', '8', '4');
    }

    @Test
    void givenKeyBurstsButNoKeypadConfigured_whenRead_thenNothingIsPresented() {
        start(null);

        pulse(WiegandBits.key8(1));
        pulse(WiegandBits.key8(11));
        pulse(WiegandBits.h26(1, 2));

        await().atMost(Duration.ofSeconds(5)).until(() -> !presented.isEmpty());
        assertThat(presented).hasSize(1).first().isInstanceOf(Presented.Card.class);
    }
}

package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.credential.Cue;
import com.facegate.device.credential.Presented;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon builds the configured Wiegand reader and feedback line (Pi4J mock), hands a card read in real time
 * to its consumer, cues "look at the camera" without touching the relay, and releases it all on close.
 */
class DoorReadersTest {
    @TempDir
    Path dir;
    private Context pi4j;
    private final List<Presented> presented = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        pi4j = TestDoors.mockPi4j();
    }

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
    }

    /** H10301 with the parity a real reader computes. */
    private static String h26(int facility, int card) {
        String data = String.format("%8s%16s", Integer.toBinaryString(facility), Integer.toBinaryString(card))
                .replace(' ', '0');
        long first = data.substring(0, 12).chars().filter(c -> c == '1').count();
        long second = data.substring(12).chars().filter(c -> c == '1').count();
        return (first % 2 == 0 ? "0" : "1") + data + (second % 2 == 0 ? "1" : "0");
    }

    private void pulse(String bits) {
        MockDigitalInput d0 = (MockDigitalInput) pi4j.io("wiegand-d0-5", DigitalInput.class);
        MockDigitalInput d1 = (MockDigitalInput) pi4j.io("wiegand-d1-6", DigitalInput.class);
        d0.mockState(DigitalState.HIGH);
        d1.mockState(DigitalState.HIGH);
        for (int i = 0; i < bits.length(); i++) {
            char b = bits.charAt(i);
            MockDigitalInput line = b == '0' ? d0 : d1;
            line.mockState(DigitalState.LOW);
            line.mockState(DigitalState.HIGH);
            LockSupport.parkNanos(1_000_000); // ~1 ms between bits, as readers send them
        }
    }

    @Test
    void givenAWiegandReaderAndLed_whenACardIsRead_thenTheConsumerGetsItAndTheLedCuesTheCamera()
            throws Exception {
        Properties p = TestDoors.props(dir, "door-readers-2");
        p.setProperty("reader.type", "wiegand");
        p.setProperty("reader.d0Pin", "5");
        p.setProperty("reader.d1Pin", "6");
        p.setProperty("reader.frameSilence", "1s"); // generous: the build machine may stall a test thread
        p.setProperty("feedback.pin", "12");
        DoorDaemon daemon = DoorDaemon.builder(TestDoors.config(p, dir)).pi4j(pi4j).link(new LoopbackLink())
                .noCapture().presented(presented::add).start();
        try {
            pulse(h26(7, 4242));

            await().atMost(Duration.ofSeconds(10)).until(() -> !presented.isEmpty());
            assertThat(((Presented.Card) presented.get(0)).number()).isEqualTo("00704242");
            assertThat(daemon.feedback().showing()).isEqualTo(Cue.LOOK_AT_CAMERA);
            assertThat(daemon.relay().energised()).isFalse();
        } finally {
            daemon.close();
        }

        assertThat(pi4j.io("feedback-12", DigitalOutput.class).state()).isEqualTo(DigitalState.LOW);
        assertThat(pi4j.registry().exists("wiegand-d0-5")).isFalse();
    }
}

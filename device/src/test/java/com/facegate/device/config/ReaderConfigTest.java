package com.facegate.device.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.facegate.device.config.DoorConfig.ReaderType;
import com.facegate.device.support.TestDoors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reader.*, keypad.*, feedback.*: defaults, a full Wiegand setup, and every wiring mistake reported at once. */
class ReaderConfigTest {
    @TempDir
    Path dir;

    private Properties props() {
        return TestDoors.props(dir, "door-readers-1");
    }

    @Test
    void givenNoReaderKeys_whenLoaded_thenTheDoorIsFaceOnlyWithoutFeedbackLine() throws Exception {
        DoorConfig.Readers r = DoorConfigLoader.from(props(), dir).readers();

        assertThat(r.card().type()).isEqualTo(ReaderType.NONE);
        assertThat(r.keypad().type()).isEqualTo(ReaderType.NONE);
        assertThat(r.keypad().keyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.keypad().maxDigits()).isEqualTo(8);
        assertThat(r.feedback().fitted()).isFalse();
    }

    @Test
    void givenAWiegandReaderWithKeypadAndLed_whenLoaded_thenPinsAndTimingsAreThere() throws Exception {
        Properties p = props();
        p.setProperty("reader.type", "wiegand");
        p.setProperty("reader.d0Pin", "5");
        p.setProperty("reader.d1Pin", "6");
        p.setProperty("reader.frameSilence", "30ms");
        p.setProperty("keypad.type", "WIEGAND");
        p.setProperty("keypad.keyTimeout", "3s");
        p.setProperty("feedback.pin", "12");
        p.setProperty("feedback.activeHigh", "false");

        DoorConfig.Readers r = DoorConfigLoader.from(p, dir).readers();

        assertThat(r.card()).isEqualTo(new DoorConfig.CardReader(ReaderType.WIEGAND, null, 5, 6,
                Duration.ofMillis(30), Duration.ofNanos(100_000), Duration.ofMillis(500)));
        assertThat(r.keypad().keyTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.feedback()).isEqualTo(new DoorConfig.Feedback(12, false));
    }

    @Test
    void givenTheCloudsPinKey_whenLoaded_thenTheKeypadHasItAndABadKeyIsNamed() throws Exception {
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        java.security.PublicKey key = gen.generateKeyPair().getPublic();
        Properties p = props();
        assertThat(DoorConfigLoader.from(p, dir).readers().keypad().pinKey()).isNull();
        p.setProperty("keypad.pinPublicKeyBase64", java.util.Base64.getEncoder().encodeToString(key.getEncoded()));

        assertThat(DoorConfigLoader.from(p, dir).readers().keypad().pinKey()).isEqualTo(key);

        p.setProperty("keypad.pinPublicKeyBase64", "bm90IGEga2V5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DoorConfigLoader.from(p, dir))
                .hasMessageContaining("keypad.pinPublicKeyBase64");
    }

    @Test
    void givenEveryKindOfReaderMistake_whenLoaded_thenAllAreReportedTogether() {
        Properties p = props();
        p.setProperty("reader.type", "wiegand");
        p.setProperty("reader.d0Pin", "27"); // the door contact's default pin
        p.setProperty("keypad.type", "hid");
        p.setProperty("keypad.maxDigits", "40");
        p.setProperty("feedback.pin", "17"); // the relay's

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir));

        assertThat(e.problems()).contains(
                "reader.type=WIEGAND needs reader.d0Pin and reader.d1Pin",
                "keypad.type=HID needs keypad.device (the keypad's /dev/input event device)",
                "keypad.maxDigits must be in 4..16",
                "reader.d0Pin uses GPIO 27, already door.contactPin",
                "feedback.pin uses GPIO 17, already door.relayPin");
    }

    @Test
    void givenHidMistakesAndABadType_whenLoaded_thenEachIsNamed() {
        Properties p = props();
        p.setProperty("reader.type", "hid");
        p.setProperty("keypad.type", "wiegand");
        p.setProperty("reader.keyTimeout", "0s");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir));

        assertThat(e.problems()).contains(
                "reader.type=HID needs reader.device (the reader's /dev/input event device)",
                "keypad.type=WIEGAND needs reader.type=WIEGAND (the keypad sends on the reader's lines)",
                "reader.keyTimeout must be positive");

        Properties q = props();
        q.setProperty("reader.type", "osdp");
        q.setProperty("reader.device", "/dev/input/event3");
        q.setProperty("keypad.type", "hid");
        q.setProperty("keypad.device", "/dev/input/event3");
        ConfigException f = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(q, dir));
        assertThat(f.problems()).contains("reader.type must be one of [NONE, HID, WIEGAND]");

        q.setProperty("reader.type", "hid");
        ConfigException g = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(q, dir));
        assertThat(g.problems()).containsExactly(
                "keypad.device must not be reader.device (keys of one device cannot be told apart)");
    }
}

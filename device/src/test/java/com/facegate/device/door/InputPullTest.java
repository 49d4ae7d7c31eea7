package com.facegate.device.door;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.facegate.device.app.DoorDaemon;
import com.facegate.device.config.ConfigException;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.PullResistance;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** door.contactPull / door.exitButtonPull reach the Pi4J input configuration (mock GPIO plugin). */
class InputPullTest {
    private static final String DOOR = "door-pull-1";

    @TempDir
    Path dir;
    private Context pi4j;

    @BeforeEach
    void setUp() {
        pi4j = TestDoors.mockPi4j();
    }

    @AfterEach
    void tearDown() {
        pi4j.shutdown();
    }

    private PullResistance[] startAndReadPulls(Properties p) throws Exception {
        p.setProperty("door.exitButtonPin", "22");
        try (DoorDaemon daemon = DoorDaemon.builder(TestDoors.config(p, dir)).pi4j(pi4j).link(new LoopbackLink())
                .noCapture().start()) {
            return new PullResistance[] {pi4j.io("contact-27", DigitalInput.class).config().pull(),
                    pi4j.io("exit-22", DigitalInput.class).config().pull()};
        }
    }

    @Test
    void givenNoPullSettings_whenDaemonStarts_thenContactAndExitButtonArePulledUp() throws Exception {
        Properties p = TestDoors.props(dir, DOOR);

        PullResistance[] pulls = startAndReadPulls(p);

        assertThat(pulls).containsExactly(PullResistance.PULL_UP, PullResistance.PULL_UP);
    }

    @Test
    void givenContactPullDown_whenDaemonStarts_thenContactInputIsPulledDown() throws Exception {
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("door.contactPull", "down");
        p.setProperty("door.exitButtonPull", "NONE");

        PullResistance[] pulls = startAndReadPulls(p);

        assertThat(pulls).containsExactly(PullResistance.PULL_DOWN, PullResistance.OFF);
    }

    @Test
    void givenContactPullNoneAndOpenLow_whenDaemonStarts_thenPullIsOffIndependentlyOfTheActiveLevel()
            throws Exception {
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("door.contactPull", "none");
        p.setProperty("door.contactOpenHigh", "false");

        PullResistance[] pulls = startAndReadPulls(p);

        assertThat(pulls[0]).isEqualTo(PullResistance.OFF);
    }

    @Test
    void givenBadPullValues_whenLoading_thenBothAreReportedTogether() {
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("door.contactPull", "sideways");
        p.setProperty("door.exitButtonPull", "down");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> DoorConfigLoader.from(p, dir));

        assertThat(e.problems())
                .contains("door.contactPull must be up, down or none (got 'sideways')")
                .contains("door.exitButtonPull must be up or none (got 'down')");
    }
}

package com.facegate.device.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.support.TestDoors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defaults as they were before the keys were declared in {@link DoorConfigKeys}, written out here by hand:
 * moving a declaration must not move a door's behaviour.
 */
class DoorConfigDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void aConfigWithOnlyTheRequiredKeysGetsTodaysDefaults() throws Exception {
        TestDoors.props(dir, "door-x"); // writes the placeholder certificate files
        Properties p = new Properties();
        p.setProperty("door.id", "door-x");
        p.setProperty("mqtt.host", "broker.example.com");
        p.setProperty("s3.bucket", "facegate");
        p.setProperty("bundle.dir", dir.toString());

        DoorConfig c = DoorConfigLoader.from(p, dir);

        Path base = dir.toAbsolutePath();
        assertThat(c.mqtt()).isEqualTo(new DoorConfig.Mqtt("broker.example.com", 8883, base.resolve("door.crt"),
                base.resolve("door.key"), base.resolve("ca.crt"), 30, 1, 64));
        assertThat(c.s3()).isEqualTo(new DoorConfig.S3(null, "us-east-1", "facegate", DoorConfig.Credentials.DEFAULT,
                null, null, base.resolve("ca.crt"), null));
        assertThat(c.capture()).isEqualTo(new DoorConfig.Capture("v4l2", "/dev/video0", 1280, 720, 15, false));
        assertThat(c.gate()).isEqualTo(new DoorConfig.Gate(Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(600), Duration.ofSeconds(10), 0.6f, 0.01f, 90));
        assertThat(c.door()).isEqualTo(new DoorConfig.Door(
                new DoorConfig.Lock(17, true, Duration.ofSeconds(3), Duration.ofSeconds(10)),
                new DoorConfig.Input(27, true, DoorConfig.Pull.UP), new DoorConfig.Input(-1, false, DoorConfig.Pull.UP),
                Duration.ofSeconds(60), Duration.ofSeconds(15)));
        assertThat(c.decisions()).isEqualTo(new DoorConfig.Decisions(Duration.ofSeconds(8), Duration.ofSeconds(2),
                10_000));
        assertThat(c.journal()).isEqualTo(new DoorConfig.Journal(1 << 20, 64L << 20, 0.8));
        assertThat(c.offline()).isEqualTo(new DoorConfig.Offline(DoorConfig.OfflinePolicy.DENY_ALL,
                Duration.ofSeconds(30), 3, 99.5f, "galleries/door-x.bin", null, Duration.ofSeconds(60)));
        assertThat(c.stateDir()).isEqualTo(base.resolve("state"));
        assertThat(c.health()).isEqualTo(new DoorConfig.Health(Duration.ofSeconds(60), Duration.ofSeconds(10),
                32L << 20, Duration.ofSeconds(15)));
    }

    @Test
    void everyDeclaredDefaultParsesUnderItsOwnRules() {
        for (DoorSetting<?> s : DoorConfigKeys.ALL) {
            if (s.fallback() != null) {
                assertThat(s.parse(s.fallback(), dir)).as(s.key()).isNotNull();
            }
        }
    }
}

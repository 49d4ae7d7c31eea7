package com.facegate.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.device.config.ConfigException;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.config.DoorConfigKeys;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.config.DoorConfigTemplate;
import com.facegate.device.config.DoorSetting;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config template the package installs at /etc/facegate/door.properties, read by the daemon's own loader:
 * it is the one generated from the key declarations, as shipped it refuses to start (nothing identifies a door
 * yet), filled in it starts with the Pi's paths, and every key in it is one the daemon actually reads.
 */
class ConfigTemplateTest {
    static final Path TEMPLATE = Path.of("src/deb/etc/facegate/door.properties");

    /**
     * After changing a key in DoorConfigKeys: {@code ./mvnw -o verify -pl systemd -am -Dtest=ConfigTemplateTest
     * -Dfacegate.docs.rewrite=true -Dsurefire.failIfNoSpecifiedTests=false} rewrites the template.
     */
    @Test
    void theShippedTemplateIsGeneratedFromTheKeyDeclarations() throws IOException {
        String generated = DoorConfigTemplate.template();
        if (Boolean.getBoolean("facegate.docs.rewrite")) {
            Files.writeString(TEMPLATE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(TEMPLATE, StandardCharsets.UTF_8)).isEqualTo(generated);
        assertThat(DoorConfigLoader.unknownKeys(template())).isEmpty();
        for (DoorSetting<?> s : DoorConfigKeys.ALL) {
            assertThat(generated).as(s.key()).containsPattern("(?m)^#?" + java.util.regex.Pattern.quote(s.key()) + "=");
        }
    }

    @Test
    void asShippedTheDoorRefusesToStartAndSaysWhatIsMissing() throws IOException {
        assertThatThrownBy(() -> DoorConfigLoader.from(template(), Path.of("/etc/facegate")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(String.join("\n", e.problems()))
                        .contains("door.id", "mqtt.host", "s3.bucket"));
    }

    @Test
    void filledInItLoadsWithThePiPaths(@TempDir Path certs) throws Exception {
        Properties p = filled(certs);
        DoorConfig cfg = DoorConfigLoader.from(p, Path.of("/etc/facegate"));
        assertThat(cfg.doorId()).isEqualTo("hq-lobby-east");
        assertThat(cfg.stateDir()).isEqualTo(Path.of("/var/lib/facegate"));
        assertThat(cfg.mqtt().certFile()).isEqualTo(certs.resolve("door.crt"));
        assertThat(cfg.mqtt().port()).isEqualTo(8883);
        assertThat(cfg.capture().source()).isEqualTo("v4l2");
        assertThat(cfg.capture().location()).isEqualTo("/dev/video0");
        assertThat(cfg.offline().policy()).isEqualTo(DoorConfig.OfflinePolicy.DENY_ALL);
        assertThat(cfg.door().lock().unlockPulse()).isLessThanOrEqualTo(cfg.door().lock().maxPulse());
        // The daemon's watchdog ping must come well inside the unit's WatchdogSec.
        int watchdogSec = UnitFileTest.seconds(UnitFile.read(UnitFile.SOURCE).get("Service", "WatchdogSec"));
        assertThat(cfg.health().watchdogInterval().toSeconds() * 2).isLessThanOrEqualTo(watchdogSec);
    }

    @Test
    void everyKeyInTheTemplateIsReadByTheDaemon(@TempDir Path certs) throws Exception {
        // Free-text keys accept anything; every other key must make the loader complain when given nonsense.
        Set<String> freeText = DoorConfigKeys.ALL.stream().filter(DoorSetting::freeText).map(DoorSetting::key)
                .collect(Collectors.toSet());
        Properties base = filled(certs);
        for (String key : template().stringPropertyNames()) {
            if (freeText.contains(key)) {
                continue;
            }
            Properties broken = (Properties) base.clone();
            broken.setProperty(key, "not-a-value!");
            assertThatThrownBy(() -> DoorConfigLoader.from(broken, Path.of("/etc/facegate")))
                    .as("daemon reads %s", key)
                    .isInstanceOfSatisfying(ConfigException.class,
                            e -> assertThat(e.problems()).anyMatch(msg -> msg.contains(key)));
        }
        assertThat(template().stringPropertyNames()).hasSizeGreaterThan(20);
    }

    @Test
    void templateCommentsAreOnTheirOwnLines() throws IOException {
        // java.util.Properties has no trailing comments: "x=1 # note" would make the value "1 # note".
        List<String> lines = Files.readAllLines(TEMPLATE, StandardCharsets.UTF_8);
        assertThat(lines).filteredOn(l -> !l.startsWith("#") && l.contains("=")).noneMatch(l -> l.contains("#"));
    }

    static Properties template() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(TEMPLATE, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    static Properties filled(Path certs) throws IOException {
        for (String f : List.of("door.crt", "door.key", "ca.crt")) {
            Files.writeString(certs.resolve(f), "placeholder");
        }
        Properties p = template();
        p.setProperty("door.id", "hq-lobby-east");
        p.setProperty("mqtt.host", "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com");
        p.setProperty("s3.bucket", "facegate-example");
        p.setProperty("s3.region", "eu-west-1");
        p.setProperty("bundle.dir", certs.toString());
        return p;
    }
}

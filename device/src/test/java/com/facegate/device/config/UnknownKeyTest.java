package com.facegate.device.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.facegate.device.support.TestDoors;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A key the daemon does not read is a typo until proven otherwise: it is warned about, never silently dropped. */
class UnknownKeyTest {
    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger loader = (Logger) LoggerFactory.getLogger(DoorConfigLoader.class);

    @BeforeEach
    void listen() {
        logs.start();
        loader.addAppender(logs);
    }

    @AfterEach
    void stopListening() {
        loader.detachAppender(logs);
    }

    @Test
    void aMistypedKeyIsWarnedWithTheKeyItProbablyMeantAndItsValueIsNotLogged() throws Exception {
        Properties p = TestDoors.props(dir, "door-u");
        p.setProperty("door.relaypin", "18");
        p.setProperty("s3.secretAcessKey", "wJalrXUtnFEMI-K7MDENG-typo");

        DoorConfig cfg = DoorConfigLoader.from(p, dir);

        assertThat(cfg.door().lock().relayPin()).as("the typo did not set the pin").isEqualTo(17);
        assertThat(DoorConfigLoader.unknownKeys(p)).containsExactly("door.relaypin", "s3.secretAcessKey");
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2)
                .anyMatch(w -> w.contains("key=door.relaypin ") && w.contains("did you mean door.relayPin?"))
                .anyMatch(w -> w.contains("key=s3.secretAcessKey ")
                        && w.contains("did you mean s3.secretAccessKey?"));
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("wJalrXUtnFEMI"));
    }

    @Test
    void theLocalStacksProvisioningBundleHoldsOnlyKeysTheDaemonReads() throws Exception {
        DoorProvisioner provisioner = new DoorProvisioner(LocalCa.openOrCreate(dir.resolve("pki")),
                dir.resolve("doors"), () -> new DoorSettings("127.0.0.1", 8883, "https://127.0.0.1:9000", "facegate",
                        "eu-west-1", "127.0.0.1:9443", "facegate-door-upload"), id -> "AAAA");
        Path bundle = provisioner.provision("door-b").properties();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(bundle)) {
            p.load(r);
        }

        assertThat(p.stringPropertyNames()).contains("mqtt.certificate", "ca.path", "region");
        assertThat(DoorConfigLoader.unknownKeys(p)).isEmpty();
        p.setProperty("mqtt.clientId", "door-b"); // what older bundles carry
        p.setProperty("s3.pathStyle", "true");
        assertThat(DoorConfigLoader.unknownKeys(p)).isEmpty();
    }
}

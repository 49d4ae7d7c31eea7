package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.support.LocalMqtt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a door daemon process connected to the real broker, when systemd stops it (SIGTERM), then it closes its
 * MQTT session cleanly (the AWS CRT's own shutdown hook must not tear its event loop down first) and the relay is
 * off. Before the fix the DISCONNECT never completed during JVM shutdown.
 */
class SigtermShutdownTest {
    @TempDir
    Path dir;

    @Test
    void givenAConnectedDaemon_whenItGetsSigterm_thenItDisconnectsCleanlyAndStopsWithTheRelayOff() throws Exception {
        try (LocalMqtt mqtt = new LocalMqtt(dir)) {
            mqtt.start();
            Properties p = LocalMqtt.props(mqtt.provision("sigterm-door"), dir.resolve("state"));
            p.setProperty("mqtt.port", Integer.toString(mqtt.port()));
            p.setProperty("door.contactPin", "-1");
            Path config = dir.resolve("door.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                p.store(out, null);
            }
            Path log = dir.resolve("child.log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), SigtermChild.class.getName(),
                    config.toString())
                    .redirectError(log.toFile()).start();
            // Watchdog: a child that never comes online is killed, which ends the read below with a failure.
            java.util.concurrent.CompletableFuture.delayedExecutor(120, TimeUnit.SECONDS)
                    .execute(child::destroyForcibly);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("online");
                child.destroy(); // SIGTERM
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("daemon exits after SIGTERM").isTrue();
            } finally {
                child.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(output).contains("daemon stopped; relay off");
            assertThat(output).doesNotContain("mqtt disconnect did not complete");
        }
    }
}

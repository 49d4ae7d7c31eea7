package com.facegate.device.support;

import com.facegate.device.config.ConfigException;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.config.DoorConfigLoader;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Door configs and a mock-GPIO Pi4J context for tests. */
public final class TestDoors {
    private TestDoors() {}

    /** A Pi4J context whose digital I/O is the mock plugin's (no Pi needed). */
    public static Context mockPi4j() {
        return Pi4J.newContextBuilder()
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
    }

    /** Properties for a door whose MQTT files are placeholders (tests with a loopback link). */
    public static Properties props(Path dir, String doorId) {
        try {
            Files.createDirectories(dir);
            for (String f : new String[] {"door.crt", "door.key", "ca.crt"}) {
                Path p = dir.resolve(f);
                if (!Files.exists(p)) {
                    Files.writeString(p, "placeholder");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties p = new Properties();
        p.putAll(Map.of("door.id", doorId, "mqtt.host", "127.0.0.1", "mqtt.port", "1",
                "bundle.dir", dir.toString(), "s3.endpoint", "http://127.0.0.1:1", "s3.bucket", "facegate",
                "s3.accessKeyId", "test", "s3.secretAccessKey", "test", "state.dir", dir.resolve("state").toString()));
        p.putAll(Map.of("door.unlockPulse", "300ms", "door.maxPulse", "1s", "door.heldOpenAfter", "500ms",
                "door.authorizedOpenWindow", "2s", "decision.deadline", "8s", "decision.clockSkew", "2s"));
        return p;
    }

    public static DoorConfig config(Properties p, Path dir) {
        try {
            return DoorConfigLoader.from(p, dir);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}

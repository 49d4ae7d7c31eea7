package com.facegate.device.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.app.DoorDaemon;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.support.LocalMqtt;
import com.facegate.device.support.TestDoors;
import com.facegate.local.doors.DoorBundle;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 audit events written by a door daemon process while its broker is down, the process killed with kill -9
 * (destroyForcibly) twice, then the broker comes up and a restarted daemon replays the journal: all 1,000
 * distinct ids must arrive at the broker. Duplicates are counted and reported (delivery is at-least-once).
 */
class JournalDurabilityTest {
    private static final String DOOR = "door-durable-1";
    private static final int EVENTS = 1000;

    @TempDir
    Path dir;

    @Test
    void givenBrokerDownAndTwoKill9s_whenBrokerComesUp_thenAllThousandEventsArrive() throws Exception {
        try (LocalMqtt mqtt = new LocalMqtt(dir)) {
            DoorBundle bundle = mqtt.provision(DOOR);
            Properties p = LocalMqtt.props(bundle, dir.resolve("state"));
            p.setProperty("mqtt.port", Integer.toString(mqtt.port())); // nothing listens there yet: broker down
            p.setProperty("door.contactPin", "-1");
            Path config = dir.resolve("door.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                p.store(out, null);
            }

            int next = 0;
            next = runChildAndKill(config, next, EVENTS - 1, 300) + 1;
            next = runChildAndKill(config, next, EVENTS - 1, 650) + 1;
            int last = runChildAndKill(config, next, EVENTS - 1, Integer.MAX_VALUE);
            assertThat(last).isEqualTo(EVENTS - 1);

            // Broker up: count what arrives on the door's audit topic.
            mqtt.start();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            AtomicInteger received = new AtomicInteger();
            mqtt.broker().addListener((topic, payload) -> {
                if (topic.equals(Topics.audit(DOOR))) {
                    AuditEvent e = MessageCodec.decode(payload, AuditEvent.class);
                    if (e.id().startsWith("durability-")) {
                        received.incrementAndGet();
                        ids.add(e.id());
                    }
                }
            });
            var pi4j = TestDoors.mockPi4j();
            try (DoorDaemon daemon = DoorDaemon.builder(DoorConfigLoader.load(config)).pi4j(pi4j).noCapture().start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> ids.size() == EVENTS);
                await().atMost(Duration.ofSeconds(10)).until(() -> daemon.journal().pending() == 0);
            } finally {
                pi4j.shutdown();
            }
            System.out.printf("durability: distinct=%d received=%d duplicates=%d -> %s%n", ids.size(), received.get(),
                    received.get() - ids.size(), received.get() == ids.size() ? "exactly-once this run"
                            : "at-least-once (duplicates carry the same id)");
            assertThat(ids).hasSize(EVENTS);
        }
    }

    /** Runs a daemon process appending from..to; kills it (-9) once it has appended {@code killAfter}. */
    private int runChildAndKill(Path config, int from, int to, int killAfter) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(),
                config.toString(), Integer.toString(from), Integer.toString(to));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        int last = from - 1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("appended ")) {
                    last = Integer.parseInt(line.substring(9).trim());
                    if (last >= killAfter) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(last).as("child progress from %d", from).isGreaterThanOrEqualTo(Math.min(killAfter, to));
        return last;
    }

}

package com.facegate.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Given a door audit message the broker had accepted when the stack died (its envelope left in
 * {@code events-pending/iot-audit}), when the stack starts again, then the first audit listener (the cloud's sink)
 * gets it and the file goes; a second listener does not get it twice.
 */
class PendingDoorMessagesTest {
    @TempDir
    Path data;

    @Test
    void givenAnAuditMessageLeftByACrash_whenTheStackStartsAgain_thenTheSinkGetsIt() throws Exception {
        String payload = "{\"id\":\"left-behind\"}";
        Path left = data.resolve("events-pending").resolve("iot-audit").resolve("20261130T080000.000Z-left.json");
        Files.createDirectories(left.getParent());
        Files.writeString(left, "{\"topic\":\"facegate/doors/door-r1/audit\",\"payloadBase64\":\""
                + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "\"}");

        List<String> sink = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        try (LocalStack stack = LocalStack.builder().dataDir(data).anyFreePorts().mqttPersistent(false).build()
                .start()) {
            stack.onAudit((topic, bytes) -> sink.add(topic + " " + new String(bytes, StandardCharsets.UTF_8)));
            stack.onAudit((topic, bytes) -> second.add(topic));
            await().atMost(Duration.ofSeconds(10)).until(() -> !sink.isEmpty());
            assertThat(stack.awaitHandlersIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(sink).containsExactly("facegate/doors/door-r1/audit " + payload);
        assertThat(second).isEmpty();
        try (Stream<Path> files = Files.list(left.getParent())) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).isEmpty();
        }
    }
}

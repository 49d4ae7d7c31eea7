package com.facegate.device.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.mqtt.DoorLink;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay against a broker that drops PUBACKs: the waits between tries grow while it lasts and start over after. */
class AuditReplayerTest {
    private static final String TOPIC = "facegate/doors/door-1/audit";

    @TempDir
    Path dir;

    /** Online, but the PUBACKs of the next {@link #dropAcks} publishes never come (each fails as timed out). */
    static final class AckDroppingLink implements DoorLink {
        final AtomicInteger dropAcks = new AtomicInteger();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload) {
            if (dropAcks.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new TimeoutException("no PUBACK"));
            }
            try {
                acknowledged.add(MessageCodec.decode(payload, AuditEvent.class).reason());
            } catch (InvalidMessageException e) {
                return CompletableFuture.failedFuture(e); // not acknowledged, so the test sees it missing
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean online() {
            return true;
        }

        @Override
        public void subscribe(Consumer<Inbound> handler, String... topics) {
        }

        @Override
        public void onlineListener(Consumer<Boolean> listener) {
        }

        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    }

    private static AuditEvent event(String reason) {
        return AuditEvent.of("door-1", AuditEvent.Type.DENIED, AuditEvent.SOURCE_DEVICE, Instant.now())
                .withReason(reason);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(end);
            Thread.sleep(5);
        }
    }

    @Test
    void waitsGrowWhileAcksAreLostAndStartOverOnceABatchIsAcknowledged() throws Exception {
        AckDroppingLink link = new AckDroppingLink();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (AuditJournal journal = new AuditJournal(dir, 1 << 20, 4 << 20, 0.8);
             AuditReplayer replayer = new AuditReplayer(journal, link, TOPIC, waits::add)) {
            link.dropAcks.set(4);
            journal.append(event("R0"));
            replayer.start();
            await(() -> journal.pending() == 0);

            assertThat(link.acknowledged).containsExactly("R0");
            assertThat(waits).hasSize(4);
            // 200 ms doubling, never sooner than 200 ms: [200, 200], [200, 400], [200, 800], [200, 1600].
            for (int i = 0; i < 4; i++) {
                assertThat(waits.get(i)).isBetween(Duration.ofMillis(200), Duration.ofMillis(200L << i));
            }

            link.dropAcks.set(1);
            journal.append(event("R1"));
            await(() -> journal.pending() == 0);

            assertThat(link.acknowledged).containsExactly("R0", "R1");
            assertThat(waits).hasSize(5);
            assertThat(waits.get(4)).isEqualTo(Duration.ofMillis(200));
        }
    }
}

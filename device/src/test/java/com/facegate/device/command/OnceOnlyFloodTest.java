package com.facegate.device.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.app.DoorDaemon;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.decision.HonouredIds;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.MemoryTempDir;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.facegate.protocol.Validity;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's replay: once 10,000 other commands had passed, the first one was forgotten and opened the door
 * again. Now the memory keeps every id inside the validity window, refuses (rather than forgets) when it is full
 * of them, and keeps them across a restart of the daemon.
 */
class OnceOnlyFloodTest {
    private static final String DOOR = "door-flood-1";

    @TempDir(factory = MemoryTempDir.class) // 10,000 fsyncs: the logic is under test here, not the disk
    Path dir;

    private static DoorCommand unlock(Instant now) {
        return DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "admin", "flood", now, Duration.ofMinutes(5));
    }

    @Test
    void givenTenThousandOtherCommandsInsideTheWindow_whenTheFirstIsReplayedBeforeAndAfterARestart_thenDuplicate()
            throws Exception {
        DoorConfig cfg = TestDoors.config(TestDoors.props(dir, DOOR), dir);
        Instant now = Instant.now();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Duration window = Validity.rememberFor(Validity.MAX, cfg.decisions().clockSkew());
        DoorCommand first = unlock(now);
        int capacity = cfg.decisions().rememberIds();
        try (HonouredIds ids = new HonouredIds(cfg.stateDir().resolve("honoured-ids.log"), capacity, window)) {
            CommandGate gate = new CommandGate(DOOR, ids, clock, cfg.decisions().clockSkew());
            assertThat(gate.evaluate(MessageCodec.encode(first)).admitted()).isTrue();
            for (int i = 1; i < capacity; i++) {
                assertThat(gate.evaluate(MessageCodec.encode(unlock(now))).admitted()).isTrue();
            }
            // the 10,000th other command finds the memory full of ids inside their window: refused, none forgotten
            CommandGate.Admission full = gate.evaluate(MessageCodec.encode(unlock(now)));
            assertThat(full.ignoredReason()).isEqualTo(Reasons.ONCE_ONLY_MEMORY_FULL);
            assertThat(gate.evaluate(MessageCodec.encode(first)).ignoredReason()).isEqualTo(Reasons.DUPLICATE);

            // once the window has passed, the memory has room again and the first command is simply expired
            Clock later = Clock.offset(clock, window.plusSeconds(1));
            CommandGate afterWindow = new CommandGate(DOOR, ids, later, cfg.decisions().clockSkew());
            assertThat(afterWindow.evaluate(MessageCodec.encode(unlock(later.instant()))).admitted()).isTrue();
            assertThat(afterWindow.evaluate(MessageCodec.encode(first)).ignoredReason())
                    .isIn(Reasons.DUPLICATE, Reasons.EXPIRED);
        }

        // a daemon restarted on the same state, with the clock back inside the window, still refuses the replay
        Context pi4j = TestDoors.mockPi4j();
        LoopbackLink link = new LoopbackLink();
        List<DigitalState> relay = new CopyOnWriteArrayList<>();
        try (DoorDaemon daemon = DoorDaemon.builder(cfg).pi4j(pi4j).link(link).noCapture().clock(clock).start()) {
            pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class)
                    .addListener(e -> relay.add(e.state()));
            link.deliver(Topics.commands(DOOR), MessageCodec.encode(first));
            await().atMost(Duration.ofSeconds(5)).until(() -> link.published.stream()
                    .filter(p -> p.topic().equals(Topics.audit(DOOR))).map(p -> decode(p.payload()))
                    .anyMatch(e -> e.type() == AuditEvent.Type.IGNORED && Reasons.DUPLICATE.equals(e.reason())
                            && first.requestId().equals(e.requestId())
                            && "requestId".equals(e.details().get("field"))));
            assertThat(relay).doesNotContain(DigitalState.HIGH);
        } finally {
            pi4j.shutdown();
        }
    }

    private static AuditEvent decode(byte[] json) {
        try {
            return MessageCodec.decode(json, AuditEvent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

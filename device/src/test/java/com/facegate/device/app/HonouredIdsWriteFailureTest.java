package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.config.DoorConfig;
import com.facegate.device.decision.PendingCaptures;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.device.support.TinyDisk;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A door whose state disk (a real tmpfs, filled by the test) cannot take its once-only memory's next line: a face
 * GRANT and a remote UNLOCK that cannot be recorded as honoured are not acted on. The relay never moves, each
 * leaves exactly one audit record naming the write failure, and once the disk frees the same daemon opens for the
 * next grant and for the command it refused.
 */
class HonouredIdsWriteFailureTest {
    private static final String DOOR = "door-ids-1";

    @TempDir
    Path dir;

    @Test
    void givenAStateDiskThatCannotRecordIds_whenGrantAndUnlockArrive_thenLockedOneRecordEachAndBackOnceFreed()
            throws Exception {
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("state-disk"), "8m")) {
            Properties p = TestDoors.props(dir, DOOR);
            p.setProperty("state.dir", disk.path().toString());
            p.setProperty("disk.minFreeBytes", Long.toString(1L << 20));
            p.setProperty("disk.checkInterval", "100ms");
            Context pi4j = TestDoors.mockPi4j();
            LoopbackLink link = new LoopbackLink();
            DoorConfig cfg = TestDoors.config(p, dir);
            List<DigitalState> relay = new CopyOnWriteArrayList<>();
            try (DoorDaemon daemon = DoorDaemon.builder(cfg).pi4j(pi4j).link(link).noCapture().start()) {
                pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class)
                        .addListener(e -> relay.add(e.state()));
                Path filler = disk.fill("filler");
                await().atMost(Duration.ofSeconds(5)).until(() -> daemon.doorStatus().diskFault());

                String capture = pending(daemon, Duration.ofSeconds(1));
                link.deliver(Topics.decision(DOOR), MessageCodec.encode(Decision.grant(DOOR, capture, "B1", 99.5,
                        Instant.now(), Duration.ofSeconds(30))));
                DoorCommand unlock = DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "ops", "courier", Instant.now(),
                        Duration.ofMinutes(1));
                link.deliver(Topics.commands(DOOR), MessageCodec.encode(unlock));
                assertThat(relay).doesNotContain(DigitalState.HIGH);

                Files.delete(filler);
                // Past the capture's deadline: a second record (NO_DECISION) would have come by now.
                Thread.sleep(1500);
                await().atMost(Duration.ofSeconds(10)).until(() -> !ofCapture(link, capture).isEmpty()
                        && !ofRequest(link, unlock.requestId()).isEmpty()
                        && audited(link).stream().anyMatch(e -> e.type() == AuditEvent.Type.DISK_OK));
                assertThat(relay).doesNotContain(DigitalState.HIGH);
                assertThat(ofCapture(link, capture)).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(AuditEvent.Type.DENIED);
                    assertThat(e.reason()).isEqualTo(Reasons.ONCE_ONLY_WRITE_FAILED);
                    assertThat(e.badgeId()).isEqualTo("B1");
                });
                assertThat(ofRequest(link, unlock.requestId())).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(AuditEvent.Type.IGNORED);
                    assertThat(e.reason()).isEqualTo(Reasons.ONCE_ONLY_WRITE_FAILED);
                    assertThat(e.details()).containsEntry("field", "requestId");
                });
                assertThat(audited(link)).noneMatch(e -> e.type() == AuditEvent.Type.FAULT);
                assertThat(audited(link)).filteredOn(e -> e.type() == AuditEvent.Type.DISK_FULL).singleElement()
                        .satisfies(e -> assertThat(e.reason()).isEqualTo("LOW_SPACE"));

                // The same daemon, disk freed: the next grant opens, and so does the command it could not record.
                String next = pending(daemon, Duration.ofSeconds(8));
                link.deliver(Topics.decision(DOOR), MessageCodec.encode(Decision.grant(DOOR, next, "B1", 99.5,
                        Instant.now(), Duration.ofSeconds(30))));
                await().atMost(Duration.ofSeconds(5)).until(() -> ofCapture(link, next).stream()
                        .anyMatch(e -> e.type() == AuditEvent.Type.UNLOCKED));
                await().atMost(Duration.ofSeconds(5)).until(() -> relay.get(relay.size() - 1) == DigitalState.LOW);
                link.deliver(Topics.commands(DOOR), MessageCodec.encode(unlock));
                await().atMost(Duration.ofSeconds(5)).until(() -> ofRequest(link, unlock.requestId()).stream()
                        .anyMatch(e -> e.type() == AuditEvent.Type.REMOTE_UNLOCK));
                assertThat(relay.stream().filter(s -> s == DigitalState.HIGH)).hasSize(2);
                assertThat(daemon.doorStatus().diskFault()).isFalse();
                await().atMost(Duration.ofSeconds(5)).until(() -> daemon.doorStatus().lock()
                        == DoorStatus.Lock.LOCKED);
            } finally {
                pi4j.shutdown();
            }
        }
    }

    private static String pending(DoorDaemon daemon, Duration deadlineIn) {
        Instant now = Instant.now();
        String id = CaptureKey.newCaptureId(now);
        daemon.pending().add(new PendingCaptures.Pending(id, now, now.plus(deadlineIn), null));
        return id;
    }

    /** Each event once: a delivery whose acknowledgement the full disk could not record is sent again (same id). */
    private static List<AuditEvent> audited(LoopbackLink link) {
        Set<String> seen = new HashSet<>();
        return link.published.stream().filter(p -> p.topic().equals(Topics.audit(DOOR))).map(p -> {
            try {
                return MessageCodec.decode(p.payload(), AuditEvent.class);
            } catch (InvalidMessageException e) {
                throw new AssertionError(e);
            }
        }).filter(e -> seen.add(e.id())).toList();
    }

    private static List<AuditEvent> ofCapture(LoopbackLink link, String captureId) {
        return audited(link).stream().filter(e -> Objects.equals(captureId, e.captureId())).toList();
    }

    private static List<AuditEvent> ofRequest(LoopbackLink link, String requestId) {
        return audited(link).stream().filter(e -> Objects.equals(requestId, e.requestId())).toList();
    }
}

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
import com.facegate.protocol.Message;
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
 * Issue 16: a door started on a state disk that is already full, so full that none of its files (journal, once-only
 * memory) can even be created: a real tmpfs whose inodes the test used up, with bytes to spare, so the free-space
 * probe sees nothing wrong and only the failed writes can tell. The daemon starts anyway, relay off, and says
 * DISK_FULL in its status; a grant and a remote UNLOCK it cannot record as honoured are refused, one record each;
 * once the disk frees, the same daemon journals every record it kept, clears the fault and opens for the next grant.
 */
class StartOnFullDiskTest {
    private static final String DOOR = "door-start-full-1";

    @TempDir
    Path dir;

    @Test
    void givenAStateDiskWithNoRoomForAnyFile_whenTheDoorStarts_thenLockedFaultShownAndBackOnceFreed()
            throws Exception {
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("state-disk"), "16m", 32)) {
            List<Path> fillers = disk.fillInodes("filler");
            Properties p = TestDoors.props(dir, DOOR);
            p.setProperty("state.dir", disk.path().resolve("state").toString());
            p.setProperty("disk.minFreeBytes", Long.toString(1L << 20));
            p.setProperty("disk.checkInterval", "100ms");
            Context pi4j = TestDoors.mockPi4j();
            LoopbackLink link = new LoopbackLink();
            DoorConfig cfg = TestDoors.config(p, dir);
            List<DigitalState> relay = new CopyOnWriteArrayList<>();
            try (DoorDaemon daemon = DoorDaemon.builder(cfg).pi4j(pi4j).link(link).noCapture().start()) {
                DigitalOutput out = pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class);
                out.addListener(e -> relay.add(e.state()));
                assertThat(out.state()).isEqualTo(DigitalState.LOW);
                await().atMost(Duration.ofSeconds(5)).until(() -> daemon.doorStatus().diskFault());
                await().atMost(Duration.ofSeconds(5)).until(() -> lastStatus(link) != null
                        && Boolean.TRUE.equals(lastStatus(link).diskFault()));
                assertThat(audited(link)).as("nothing journalled, so nothing sent yet").isEmpty();

                String capture = pending(daemon, Duration.ofSeconds(1));
                link.deliver(Topics.decision(DOOR), MessageCodec.encode(Decision.grant(DOOR, capture, "B1", 99.5,
                        Instant.now(), Duration.ofSeconds(30))));
                DoorCommand unlock = DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "ops", "courier", Instant.now(),
                        Duration.ofMinutes(1));
                link.deliver(Topics.commands(DOOR), MessageCodec.encode(unlock));
                assertThat(relay).doesNotContain(DigitalState.HIGH);

                fillers.forEach(f -> {
                    try {
                        Files.delete(f);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                // Past the capture's deadline: a second record (NO_DECISION) would have come by now.
                Thread.sleep(1500);
                await().atMost(Duration.ofSeconds(10)).until(() -> has(link, AuditEvent.Type.DISK_OK)
                        && !daemon.doorStatus().diskFault());
                assertThat(types(link)).containsSubsequence(AuditEvent.Type.DAEMON_STARTED,
                        AuditEvent.Type.DISK_FULL, AuditEvent.Type.DISK_OK);
                assertThat(audited(link)).filteredOn(e -> e.type() == AuditEvent.Type.DISK_FULL).singleElement()
                        .satisfies(e -> {
                            assertThat(e.reason()).isEqualTo("WRITE_FAILED");
                            assertThat(e.details()).containsEntry("files", "JOURNAL,HONOURED_IDS");
                        });
                assertThat(ofCapture(link, capture)).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(AuditEvent.Type.DENIED);
                    assertThat(e.reason()).isEqualTo(Reasons.ONCE_ONLY_WRITE_FAILED);
                });
                assertThat(ofRequest(link, unlock.requestId())).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(AuditEvent.Type.IGNORED);
                    assertThat(e.reason()).isEqualTo(Reasons.ONCE_ONLY_WRITE_FAILED);
                });
                assertThat(relay).doesNotContain(DigitalState.HIGH);
                assertThat(Files.exists(cfg.stateDir().resolve("honoured-ids.log"))).isTrue();

                String next = pending(daemon, Duration.ofSeconds(8));
                link.deliver(Topics.decision(DOOR), MessageCodec.encode(Decision.grant(DOOR, next, "B1", 99.5,
                        Instant.now(), Duration.ofSeconds(30))));
                await().atMost(Duration.ofSeconds(5)).until(() -> ofCapture(link, next).stream()
                        .anyMatch(e -> e.type() == AuditEvent.Type.UNLOCKED));
                assertThat(relay).contains(DigitalState.HIGH);
                await().atMost(Duration.ofSeconds(5)).until(() -> daemon.doorStatus().lock()
                        == DoorStatus.Lock.LOCKED);
            } finally {
                pi4j.shutdown();
            }
        }
    }

    /**
     * The same on a disk the kernel made read-only under a door that had run on it before (its journal and once-only
     * memory exist but cannot be opened for writing): it starts locked, shows the fault, refuses the grant it cannot
     * record, and once the disk is writable again journals what it kept and opens for the next grant.
     */
    @Test
    void givenAStateDiskRemountedReadOnly_whenTheDoorRestarts_thenLockedFaultShownAndBackOnceWritable()
            throws Exception {
        try (TinyDisk disk = TinyDisk.mount(dir.resolve("state-disk"), "16m")) {
            Properties p = TestDoors.props(dir, DOOR);
            p.setProperty("state.dir", disk.path().resolve("state").toString());
            p.setProperty("disk.minFreeBytes", Long.toString(1L << 20));
            p.setProperty("disk.checkInterval", "100ms");
            DoorConfig cfg = TestDoors.config(p, dir);
            Context first = TestDoors.mockPi4j();
            try (DoorDaemon before = DoorDaemon.builder(cfg).pi4j(first).link(new LoopbackLink()).noCapture()
                    .start()) {
                assertThat(before.doorStatus().diskFault()).isFalse();
            } finally {
                first.shutdown();
            }
            disk.readOnly(true);
            Context pi4j = TestDoors.mockPi4j();
            LoopbackLink link = new LoopbackLink();
            List<DigitalState> relay = new CopyOnWriteArrayList<>();
            try (DoorDaemon daemon = DoorDaemon.builder(cfg).pi4j(pi4j).link(link).noCapture().start()) {
                DigitalOutput out = pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class);
                out.addListener(e -> relay.add(e.state()));
                assertThat(out.state()).isEqualTo(DigitalState.LOW);
                await().atMost(Duration.ofSeconds(5)).until(() -> daemon.doorStatus().diskFault());

                String capture = pending(daemon, Duration.ofSeconds(8));
                link.deliver(Topics.decision(DOOR), MessageCodec.encode(Decision.grant(DOOR, capture, "B1", 99.5,
                        Instant.now(), Duration.ofSeconds(30))));
                assertThat(relay).doesNotContain(DigitalState.HIGH);

                disk.readOnly(false);
                await().atMost(Duration.ofSeconds(10)).until(() -> has(link, AuditEvent.Type.DISK_OK)
                        && !daemon.doorStatus().diskFault());
                assertThat(audited(link)).filteredOn(e -> e.type() == AuditEvent.Type.DISK_FULL).singleElement()
                        .satisfies(e -> assertThat(e.details()).containsEntry("files", "JOURNAL,HONOURED_IDS"));
                assertThat(ofCapture(link, capture)).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(AuditEvent.Type.DENIED);
                    assertThat(e.reason()).isEqualTo(Reasons.ONCE_ONLY_WRITE_FAILED);
                });
                String next = pending(daemon, Duration.ofSeconds(8));
                link.deliver(Topics.decision(DOOR), MessageCodec.encode(Decision.grant(DOOR, next, "B1", 99.5,
                        Instant.now(), Duration.ofSeconds(30))));
                await().atMost(Duration.ofSeconds(5)).until(() -> ofCapture(link, next).stream()
                        .anyMatch(e -> e.type() == AuditEvent.Type.UNLOCKED));
                assertThat(relay).contains(DigitalState.HIGH);
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

    private static DoorStatus lastStatus(LoopbackLink link) {
        return link.published.stream().filter(p -> p.topic().equals(Topics.status(DOOR)))
                .map(p -> decode(p.payload(), DoorStatus.class)).reduce((a, b) -> b).orElse(null);
    }

    /** Each event once: a delivery whose acknowledgement could not be recorded is sent again (same id). */
    private static List<AuditEvent> audited(LoopbackLink link) {
        Set<String> seen = new HashSet<>();
        return link.published.stream().filter(p -> p.topic().equals(Topics.audit(DOOR)))
                .map(p -> decode(p.payload(), AuditEvent.class)).filter(e -> seen.add(e.id())).toList();
    }

    private static List<AuditEvent.Type> types(LoopbackLink link) {
        return audited(link).stream().map(AuditEvent::type).toList();
    }

    private static boolean has(LoopbackLink link, AuditEvent.Type type) {
        return audited(link).stream().anyMatch(e -> e.type() == type);
    }

    private static List<AuditEvent> ofCapture(LoopbackLink link, String captureId) {
        return audited(link).stream().filter(e -> Objects.equals(captureId, e.captureId())).toList();
    }

    private static List<AuditEvent> ofRequest(LoopbackLink link, String requestId) {
        return audited(link).stream().filter(e -> Objects.equals(requestId, e.requestId())).toList();
    }

    private static <T extends Message> T decode(byte[] json, Class<T> type) {
        try {
            return MessageCodec.decode(json, type);
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }
}

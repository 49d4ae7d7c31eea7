package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.credential.Cue;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.Message;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 8 (the door side), with a simulated disk (the free-space probe is the test's): a state disk that
 * fills tells the operator once (DISK_FULL, status diskFault, the feedback line), does not flap while it hovers
 * between the mark and twice the mark, clears once (DISK_OK), and never moves the relay.
 */
class DiskFullTest {
    private static final String DOOR = "door-disk-1";
    private static final long MB = 1L << 20;

    @TempDir
    Path dir;
    private final AtomicLong free = new AtomicLong(500 * MB);
    private final List<DigitalState> relayStates = new CopyOnWriteArrayList<>();
    private Context pi4j;
    private LoopbackLink link;
    private DoorDaemon daemon;

    @BeforeEach
    void setUp() throws Exception {
        pi4j = TestDoors.mockPi4j();
        link = new LoopbackLink();
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("disk.minFreeBytes", Long.toString(8 * MB));
        p.setProperty("disk.checkInterval", "50ms");
        var cfg = TestDoors.config(p, dir);
        daemon = DoorDaemon.builder(cfg).pi4j(pi4j).link(link).noCapture().freeSpace(d -> free.get()).start();
        pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class)
                .addListener(e -> relayStates.add(e.state()));
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        pi4j.shutdown();
    }

    private List<AuditEvent> audited(AuditEvent.Type type) {
        return link.published.stream().filter(p -> p.topic().equals(Topics.audit(DOOR)))
                .map(p -> decode(p.payload(), AuditEvent.class)).filter(e -> e.type() == type).toList();
    }

    private DoorStatus lastPublishedStatus() {
        return link.published.stream().filter(p -> p.topic().equals(Topics.status(DOOR)))
                .map(p -> decode(p.payload(), DoorStatus.class)).reduce((a, b) -> b).orElse(null);
    }

    private static <T extends Message> T decode(byte[] json, Class<T> type) {
        try {
            return MessageCodec.decode(json, type);
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    /** Long enough for many disk checks (every 50 ms). */
    private static void severalChecks() throws InterruptedException {
        Thread.sleep(400);
    }

    @Test
    void aDiskThatFillsAndFreesIsAuditedOnceEachWayWithoutFlappingAndTheDoorStaysLocked() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.doorStatus().diskFreeBytes() == 500 * MB);
        assertThat(daemon.doorStatus().diskFault()).isFalse();

        free.set(3 * MB);
        AuditEvent full = await().atMost(Duration.ofSeconds(5)).until(() -> audited(AuditEvent.Type.DISK_FULL),
                l -> !l.isEmpty()).get(0);
        assertThat(full.reason()).isEqualTo("LOW_SPACE");
        assertThat(full.details()).containsEntry("freeBytes", Long.toString(3 * MB))
                .containsEntry("minFreeBytes", Long.toString(8 * MB));
        assertThat(daemon.doorStatus().diskFault()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> lastPublishedStatus() != null
                && Boolean.TRUE.equals(lastPublishedStatus().diskFault()));
        assertThat(daemon.feedback().showing()).isEqualTo(Cue.DOOR_FAULT);

        // Hovering above the mark but below twice it: still full, nothing new audited.
        free.set(12 * MB);
        severalChecks();
        free.set(2 * MB);
        severalChecks();
        free.set(15 * MB);
        severalChecks();
        assertThat(daemon.doorStatus().diskFault()).isTrue();
        assertThat(audited(AuditEvent.Type.DISK_FULL)).hasSize(1);
        assertThat(audited(AuditEvent.Type.DISK_OK)).isEmpty();

        free.set(16 * MB);
        AuditEvent ok = await().atMost(Duration.ofSeconds(5)).until(() -> audited(AuditEvent.Type.DISK_OK),
                l -> !l.isEmpty()).get(0);
        assertThat(ok.details()).containsEntry("freeBytes", Long.toString(16 * MB)).containsKey("downSeconds");
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(lastPublishedStatus().diskFault()));
        severalChecks();
        assertThat(audited(AuditEvent.Type.DISK_FULL)).hasSize(1);
        assertThat(audited(AuditEvent.Type.DISK_OK)).hasSize(1);
        assertThat(relayStates).doesNotContain(DigitalState.HIGH);
        assertThat(daemon.doorStatus().lock()).isEqualTo(DoorStatus.Lock.LOCKED);
    }

    @Test
    void aDiskThatCannotBeMeasuredIsNotReportedFull() throws Exception {
        daemon.close();
        pi4j.shutdown();
        pi4j = TestDoors.mockPi4j();
        link = new LoopbackLink();
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("disk.checkInterval", "50ms");
        daemon = DoorDaemon.builder(TestDoors.config(p, dir)).pi4j(pi4j).link(link).noCapture()
                .freeSpace(d -> {
                    throw new java.io.IOException("statfs failed");
                }).start();
        severalChecks();
        assertThat(daemon.doorStatus().diskFault()).isFalse();
        assertThat(daemon.doorStatus().diskFreeBytes()).isEqualTo(-1L);
        assertThat(audited(AuditEvent.Type.DISK_FULL)).isEmpty();
    }
}

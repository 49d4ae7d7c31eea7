package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.config.DoorConfig;
import com.facegate.device.decision.PendingCaptures;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's door behaviour on mock GPIO with an in-process link: decisions, commands, alarms, fail-secure. */
class DoorDaemonTest {
    private static final String DOOR = "door-test-1";

    @TempDir
    Path dir;
    private Context pi4j;
    private LoopbackLink link;
    private DoorDaemon daemon;
    private DigitalOutput relayOut;
    private final List<Long> relayOnAt = new CopyOnWriteArrayList<>();
    private final List<Long> relayOffAt = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        pi4j = TestDoors.mockPi4j();
        start(TestDoors.props(dir, DOOR));
    }

    private void start(Properties p) throws Exception {
        link = new LoopbackLink();
        DoorConfig cfg = TestDoors.config(p, dir);
        daemon = DoorDaemon.builder(cfg).pi4j(pi4j).link(link).noCapture().start();
        relayOut = pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class);
        relayOut.addListener(e -> (e.state() == DigitalState.HIGH ? relayOnAt : relayOffAt).add(System.nanoTime()));
    }

    private void restart(Properties p) throws Exception {
        daemon.close();
        pi4j.shutdown();
        pi4j = TestDoors.mockPi4j();
        relayOnAt.clear();
        relayOffAt.clear();
        start(p);
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        pi4j.shutdown();
    }

    private String pendingCapture(Duration deadlineIn) {
        Instant now = Instant.now();
        String id = CaptureKey.newCaptureId(now);
        daemon.pending().add(new PendingCaptures.Pending(id, now, now.plus(deadlineIn), null));
        return id;
    }

    private void sendDecision(Decision d) {
        link.deliver(Topics.decision(DOOR), MessageCodec.encode(d));
    }

    private void sendCommand(DoorCommand c) {
        link.deliver(Topics.commands(DOOR), MessageCodec.encode(c));
    }

    private List<AuditEvent> audited() {
        return link.published.stream().filter(p -> p.topic().equals(Topics.audit(DOOR))).map(p -> {
            try {
                return MessageCodec.decode(p.payload(), AuditEvent.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toList());
    }

    private void awaitAudit(AuditEvent.Type type, String reason) {
        await().atMost(Duration.ofSeconds(5)).until(() -> audited().stream()
                .anyMatch(e -> e.type() == type && (reason == null || reason.equals(e.reason()))));
    }

    private long count(AuditEvent.Type type) {
        return audited().stream().filter(e -> e.type() == type).count();
    }

    @Test
    void givenPendingCapture_whenGrantArrives_thenRelayPulsesOnceForTheConfiguredTime() {
        String capture = pendingCapture(Duration.ofSeconds(8));
        Decision grant = Decision.grant(DOOR, capture, "B1001", 99.8, Instant.now(), Duration.ofSeconds(5));

        sendDecision(grant);

        assertThat(relayOut.state()).isEqualTo(DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(2)).until(() -> relayOut.state() == DigitalState.LOW);
        assertThat(relayOnAt).hasSize(1);
        long pulseMs = (relayOffAt.get(relayOffAt.size() - 1) - relayOnAt.get(0)) / 1_000_000;
        assertThat(pulseMs).isBetween(250L, 1500L); // configured 300 ms; the upper bound allows a slow scheduler
        awaitAudit(AuditEvent.Type.UNLOCKED, Reasons.MATCHED);

        sendDecision(grant); // QoS 1 redelivery of the same decision
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.DUPLICATE);
        assertThat(relayOnAt).hasSize(1);
    }

    @Test
    void givenDecidedCapture_whenAnotherDecisionForItArrives_thenNothingHappens() {
        String capture = pendingCapture(Duration.ofSeconds(8));
        sendDecision(Decision.deny(DOOR, capture, Reasons.NO_MATCH, null, null, Instant.now(), Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.DENIED, Reasons.NO_MATCH);

        sendDecision(Decision.grant(DOOR, capture, "B1001", 99.8, Instant.now(), Duration.ofSeconds(5)));

        awaitAudit(AuditEvent.Type.IGNORED, Reasons.DUPLICATE);
        assertThat(relayOnAt).isEmpty();
    }

    @Test
    void givenLateUnknownWrongOrMalformedDecisions_whenTheyArrive_thenRelayStaysOffAndEachIsIgnoredWithItsReason() {
        Instant now = Instant.now();
        String expired = pendingCapture(Duration.ofSeconds(8));
        sendDecision(Decision.grant(DOOR, expired, "B1", 99.9, now.minusSeconds(30), Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.EXPIRED);

        String pastDeadline = pendingCapture(Duration.ofMillis(-1));
        sendDecision(Decision.grant(DOOR, pastDeadline, "B1", 99.9, now, Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.DEADLINE_PASSED);

        sendDecision(Decision.grant(DOOR, CaptureKey.newCaptureId(now), "B1", 99.9, now, Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.UNKNOWN_CAPTURE);

        String other = pendingCapture(Duration.ofSeconds(8));
        sendDecision(Decision.grant("door-other", other, "B1", 99.9, now, Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.WRONG_DOOR);

        link.deliver(Topics.decision(DOOR), "{\"result\":\"GRANT\"}".getBytes(StandardCharsets.UTF_8));
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.MALFORMED);

        assertThat(relayOnAt).isEmpty();
        assertThat(relayOut.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void givenSkewedCloudClock_whenGrantIsJustPastExpiryWithinAllowance_thenItIsHonoured() {
        String capture = pendingCapture(Duration.ofSeconds(8));
        Instant now = Instant.now();
        // expired 0.2 s ago by our clock (EXPIRED without the allowance); allowance is 2 s, leaving 1.8 s to evaluate
        sendDecision(Decision.grant(DOOR, capture, "B1", 99.9, now.minusMillis(5200), Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.UNLOCKED, null);
        assertThat(relayOnAt).hasSize(1);
    }

    @Test
    void givenRemoteUnlock_whenReplayedAndReplayedAfterRestart_thenOnlyTheFirstUnlocks() throws Exception {
        DoorCommand unlock = DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "admin@example.com", "delivery",
                Instant.now(), Duration.ofMinutes(1));

        sendCommand(unlock);
        awaitAudit(AuditEvent.Type.REMOTE_UNLOCK, "delivery");
        assertThat(relayOnAt).hasSize(1);
        assertThat(audited().stream().filter(e -> e.type() == AuditEvent.Type.REMOTE_UNLOCK).findFirst().orElseThrow()
                .requestedBy()).isEqualTo("admin@example.com");

        sendCommand(unlock);
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.DUPLICATE);
        assertThat(relayOnAt).hasSize(1);

        restart(TestDoors.props(dir, DOOR));
        sendCommand(unlock);
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.DUPLICATE);
        assertThat(relayOnAt).isEmpty();
    }

    @Test
    void givenExpiredRemoteUnlock_whenItArrives_thenIgnoredAsExpired() {
        sendCommand(DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "admin", "late", Instant.now().minusSeconds(120),
                Duration.ofMinutes(1)));
        awaitAudit(AuditEvent.Type.IGNORED, Reasons.EXPIRED);
        assertThat(relayOnAt).isEmpty();
    }

    @Test
    void givenLockdown_whenGrantArrives_thenRefusedUntilLiftedEvenAcrossRestart() throws Exception {
        sendCommand(DoorCommand.of(DOOR, DoorCommand.Type.LOCKDOWN, "security", "incident", Instant.now(),
                Duration.ofMinutes(1)));
        awaitAudit(AuditEvent.Type.LOCKDOWN, "incident");
        restart(TestDoors.props(dir, DOOR));
        assertThat(daemon.doorController().lockdown()).isTrue();

        sendDecision(Decision.grant(DOOR, pendingCapture(Duration.ofSeconds(8)), "B1", 99.9, Instant.now(),
                Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.DENIED, Reasons.LOCKDOWN);
        assertThat(relayOnAt).isEmpty();

        sendCommand(DoorCommand.of(DOOR, DoorCommand.Type.LIFT_LOCKDOWN, "security", "all clear", Instant.now(),
                Duration.ofMinutes(1)));
        awaitAudit(AuditEvent.Type.LOCKDOWN_LIFTED, "all clear");
        sendDecision(Decision.grant(DOOR, pendingCapture(Duration.ofSeconds(8)), "B1", 99.9, Instant.now(),
                Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.UNLOCKED, null);
        assertThat(relayOnAt).hasSize(1);
    }

    @Test
    void givenClosedDoor_whenContactOpensWithoutGrant_thenDoorForcedAndThenHeldOpen() {
        MockDigitalInput contact = pi4j.io("contact-27", MockDigitalInput.class);
        contact.mockState(DigitalState.HIGH); // open

        awaitAudit(AuditEvent.Type.DOOR_FORCED, null);
        awaitAudit(AuditEvent.Type.DOOR_HELD_OPEN, null); // configured 500 ms

        contact.mockState(DigitalState.LOW);
        awaitAudit(AuditEvent.Type.DOOR_CLOSED, null);
    }

    @Test
    void givenGrant_whenDoorOpensAndClosesInTime_thenNoAlarm() throws Exception {
        sendDecision(Decision.grant(DOOR, pendingCapture(Duration.ofSeconds(8)), "B1", 99.9, Instant.now(),
                Duration.ofSeconds(5)));
        awaitAudit(AuditEvent.Type.UNLOCKED, null);
        MockDigitalInput contact = pi4j.io("contact-27", MockDigitalInput.class);
        contact.mockState(DigitalState.HIGH);
        await().atMost(Duration.ofSeconds(2)).until(() -> daemon.monitor().contact() == DoorStatus.Contact.OPEN);
        // Closed as soon as the opening is seen: no sleep here that a slow machine could stretch past 500 ms.
        contact.mockState(DigitalState.LOW);
        await().atMost(Duration.ofSeconds(2)).until(() -> daemon.monitor().contact() == DoorStatus.Contact.CLOSED);
        Thread.sleep(600); // past the held-open time (500 ms): the cancelled alarm must not fire
        assertThat(count(AuditEvent.Type.DOOR_FORCED)).isZero();
        assertThat(count(AuditEvent.Type.DOOR_HELD_OPEN)).isZero();
    }

    @Test
    void givenRelayEnergised_whenDaemonStops_thenRelayIsOff() throws Exception {
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("door.unlockPulse", "8s");
        p.setProperty("door.maxPulse", "10s");
        restart(p);
        sendCommand(DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "admin", "test", Instant.now(),
                Duration.ofMinutes(1)));
        assertThat(relayOut.state()).isEqualTo(DigitalState.HIGH);

        daemon.close();

        assertThat(relayOut.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void givenRelayEnergised_whenAHandlerThrows_thenRelayIsForcedOffAndFaultAudited() throws Exception {
        Properties p = TestDoors.props(dir, DOOR);
        p.setProperty("door.unlockPulse", "8s");
        p.setProperty("door.maxPulse", "10s");
        restart(p);
        sendCommand(DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, "admin", "test", Instant.now(),
                Duration.ofMinutes(1)));
        assertThat(relayOut.state()).isEqualTo(DigitalState.HIGH);

        daemon.doorController().guarded("injected", () -> {
            throw new IllegalStateException("injected failure");
        });

        assertThat(relayOut.state()).isEqualTo(DigitalState.LOW);
        awaitAudit(AuditEvent.Type.FAULT, "EXCEPTION");
    }

    @Test
    void givenPulseLongerThanCap_whenRelayPulses_thenItIsCutAtTheCap() {
        long t0 = System.nanoTime();
        daemon.relay().pulse(Duration.ofMinutes(5)); // cap is 1 s
        await().atMost(Duration.ofSeconds(3)).until(() -> relayOut.state() == DigitalState.LOW);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(900L, 2500L);
    }
}

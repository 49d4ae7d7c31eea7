package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.facegate.device.decision.PendingCaptures;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.Message;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The review's hand-written commands, on mock GPIO: a remote UNLOCK valid for a year, issued a day ahead, issued in
 * 1970, or with its type given twice is refused, names the field and rule in the log and the audit, and never
 * moves the relay.
 */
class CommandValidityTest {
    private static final String DOOR = "door-valid-1";

    @TempDir
    Path dir;
    private Context pi4j;
    private LoopbackLink link;
    private DoorDaemon daemon;
    private final List<DigitalState> relayStates = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger controllerLog = (Logger) LoggerFactory.getLogger(DoorController.class);

    @BeforeEach
    void setUp() throws Exception {
        logs.start();
        controllerLog.addAppender(logs);
        pi4j = TestDoors.mockPi4j();
        link = new LoopbackLink();
        var cfg = TestDoors.config(TestDoors.props(dir, DOOR), dir);
        daemon = DoorDaemon.builder(cfg).pi4j(pi4j).link(link).noCapture().start();
        pi4j.io("relay-" + cfg.door().lock().relayPin(), DigitalOutput.class)
                .addListener(e -> relayStates.add(e.state()));
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        pi4j.shutdown();
        controllerLog.detachAppender(logs);
    }

    /** As a hand-made or hostile sender writes it: the encoder's own checks are bypassed. */
    private static byte[] raw(Message m) throws Exception {
        return MessageCodec.mapper().writeValueAsBytes(m);
    }

    private static DoorCommand unlock(Instant issuedAt, Instant expiresAt) {
        return new DoorCommand(1, UUID.randomUUID().toString(), DOOR, DoorCommand.Type.UNLOCK, "admin@example.com",
                "console test", issuedAt, expiresAt);
    }

    /** The IGNORED record for one message, once the door has audited it. */
    private AuditEvent ignored(String requestOrCapture) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> audited().stream()
                .filter(e -> e.type() == AuditEvent.Type.IGNORED)
                .filter(e -> requestOrCapture.equals(e.requestId()) || requestOrCapture.equals(e.captureId()))
                .findFirst().orElse(null), e -> e != null);
    }

    private List<AuditEvent> audited() {
        return link.published.stream().filter(p -> p.topic().equals(Topics.audit(DOOR))).map(p -> {
            try {
                return MessageCodec.decode(p.payload(), AuditEvent.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private void assertRefused(AuditEvent e, String reason, String field, String rule) {
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.details()).containsEntry("field", field).containsEntry("rule", rule);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(l -> l.startsWith("command ignored: " + reason + " " + field + ": " + rule)
                        || l.startsWith("decision ignored: " + reason + " " + field + ": " + rule));
        assertThat(relayStates).doesNotContain(DigitalState.HIGH);
        assertThat(audited()).noneMatch(a -> a.type() == AuditEvent.Type.REMOTE_UNLOCK
                || a.type() == AuditEvent.Type.UNLOCKED);
    }

    @Test
    void givenUnlockExpiringInAYear_whenItArrives_thenMalformedExpiresAtAndTheRelayStaysOff() throws Exception {
        Instant now = Instant.now();
        DoorCommand c = unlock(now, now.plus(Duration.ofDays(365)));
        link.deliver(Topics.commands(DOOR), raw(c));
        assertRefused(ignored(c.requestId()), Reasons.MALFORMED, "expiresAt", "more than 5 minutes after issuedAt");
    }

    @Test
    void givenUnlockIssuedADayAhead_whenItArrives_thenNotYetValidAndTheRelayStaysOff() throws Exception {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).plusSeconds(30);
        DoorCommand c = unlock(tomorrow, tomorrow.plusSeconds(30));
        link.deliver(Topics.commands(DOOR), raw(c));
        assertRefused(ignored(c.requestId()), Reasons.NOT_YET_VALID, "issuedAt", "1 day in the future (skew 2 s)");
    }

    @Test
    void givenUnlockIssuedIn1970_whenItArrives_thenRefusedWhetherItClaimsToExpireLaterOrNot() throws Exception {
        DoorCommand stillOpen = unlock(Instant.EPOCH, Instant.now().plusSeconds(60));
        link.deliver(Topics.commands(DOOR), raw(stillOpen));
        assertRefused(ignored(stillOpen.requestId()), Reasons.MALFORMED, "expiresAt",
                "more than 5 minutes after issuedAt");

        DoorCommand old = unlock(Instant.EPOCH, Instant.EPOCH.plusSeconds(30));
        link.deliver(Topics.commands(DOOR), raw(old));
        assertRefused(ignored(old.requestId()), Reasons.EXPIRED, "issuedAt", "older than 5 minutes (skew 2 s)");
    }

    @Test
    void givenTypeGivenTwice_whenItArrives_thenMalformedDuplicateKeyNotLastOneWins() throws Exception {
        Instant now = Instant.now();
        String json = new String(raw(unlock(now, now.plusSeconds(60))), StandardCharsets.UTF_8)
                .replace("\"type\":\"UNLOCK\"", "\"type\":\"LOCKDOWN\",\"type\":\"UNLOCK\"");
        link.deliver(Topics.commands(DOOR), json.getBytes(StandardCharsets.UTF_8));
        AuditEvent e = await().atMost(Duration.ofSeconds(5)).until(() -> audited().stream()
                .filter(a -> a.type() == AuditEvent.Type.IGNORED).findFirst().orElse(null), a -> a != null);
        assertRefused(e, Reasons.MALFORMED, "type", "duplicate key");
        assertThat(audited()).noneMatch(a -> a.type() == AuditEvent.Type.LOCKDOWN);
        assertThat(dir.resolve("state").resolve("lockdown")).doesNotExist();
    }

    @Test
    void givenGrantValidForAnHourOrIssuedAheadForAPendingCapture_whenItArrives_thenRefusedWithItsRule()
            throws Exception {
        Instant now = Instant.now();
        String capture = CaptureKey.newCaptureId(now);
        daemon.pending().add(new PendingCaptures.Pending(capture, now, now.plusSeconds(8), null));
        Decision hour = new Decision(1, UUID.randomUUID().toString(), DOOR, capture, Decision.Result.GRANT,
                Reasons.MATCHED, "B1", 99.0, now, now.plus(Duration.ofHours(1)));
        link.deliver(Topics.decision(DOOR), raw(hour));
        assertRefused(await().atMost(Duration.ofSeconds(5)).until(() -> audited().stream()
                        .filter(a -> a.type() == AuditEvent.Type.IGNORED).findFirst().orElse(null), a -> a != null),
                Reasons.MALFORMED, "expiresAt", "more than 5 minutes after issuedAt");

        Decision ahead = Decision.grant(DOOR, capture, "B1", 99.0, now.plus(Duration.ofHours(3)).plusSeconds(9),
                Duration.ofSeconds(5));
        link.deliver(Topics.decision(DOOR), MessageCodec.encode(ahead));
        assertRefused(ignored(capture), Reasons.NOT_YET_VALID, "issuedAt", "3 hours in the future (skew 2 s)");
        assertThat(ignored(capture).details()).containsEntry("decisionId", ahead.id());
    }
}

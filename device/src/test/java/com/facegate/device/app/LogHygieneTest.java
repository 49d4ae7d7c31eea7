package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import com.pi4j.context.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a hostile admin message can do to the door's log: nothing. Every untrusted string reaches a log line
 * sanitized (no CR/LF to forge lines, no ANSI escapes for the operator's terminal), and who asked for a remote
 * command is not logged at INFO (it is in the audit record).
 */
class LogHygieneTest {
    private static final String DOOR = "door-log-1";
    private static final String WHO = "mallory.person@example.com";
    private static final String HOSTILE_WHO = WHO + "\r\n12:00:00.000 INFO  audit type=REMOTE_UNLOCK by=\"ceo\"\u001b[2J";
    private static final String HOSTILE_REASON = "let me in\n\u001b[31mFAKE ERROR\u001b[0m\u2028\u202e";

    @TempDir
    Path dir;
    private Context pi4j;
    private LoopbackLink link;
    private DoorDaemon daemon;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void setUp() throws Exception {
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG); // DEBUG lines must be clean too
        logs.start();
        root.addAppender(logs);
        pi4j = TestDoors.mockPi4j();
        link = new LoopbackLink();
        daemon = DoorDaemon.builder(TestDoors.config(TestDoors.props(dir, DOOR), dir)).pi4j(pi4j).link(link)
                .noCapture().start();
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        pi4j.shutdown();
        root.detachAppender(logs);
        root.setLevel(rootLevel);
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

    private static String text(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }

    private List<ILoggingEvent> facegateLines() {
        return logs.list.stream().filter(e -> e.getLoggerName().startsWith("com.facegate")
                || e.getLoggerName().startsWith("facegate")).collect(Collectors.toList());
    }

    @Test
    void givenRemoteCommandsWithControlCharacters_whenHandled_thenLogLinesAreCleanAndRequesterIsNotAtInfo() {
        Instant now = Instant.now();
        DoorCommand unlock = DoorCommand.of(DOOR, DoorCommand.Type.UNLOCK, HOSTILE_WHO, HOSTILE_REASON, now,
                Duration.ofMinutes(1));
        DoorCommand other = DoorCommand.of("door-other", DoorCommand.Type.LOCKDOWN, HOSTILE_WHO, HOSTILE_REASON, now,
                Duration.ofMinutes(1));
        // A hostile request id (the encoder refuses to write one; an attacker's client does not care).
        byte[] wrongDoor = new String(MessageCodec.encode(other), StandardCharsets.UTF_8)
                .replace(other.requestId(), "req-\\r\\n\\u001b[1m-2").getBytes(StandardCharsets.UTF_8);

        link.deliver(Topics.commands(DOOR), MessageCodec.encode(unlock));
        link.deliver(Topics.commands(DOOR), wrongDoor);
        link.deliver(Topics.commands(DOOR), ("{\"requestedBy\":\"" + "x\\r\\n\\u001b[2J" + "\",\"type\":")
                .getBytes(StandardCharsets.UTF_8)); // malformed: a parser error quoting the payload
        link.deliver("facegate/doors/" + DOOR + "\r\n\u001b[2J/commands", MessageCodec.encode(unlock));

        await().atMost(Duration.ofSeconds(5)).until(() -> audited().stream()
                .filter(e -> e.type() == AuditEvent.Type.IGNORED).count() >= 3);
        // The audit record keeps the full, exact requester: that is where it belongs.
        assertThat(audited()).anyMatch(e -> e.type() == AuditEvent.Type.REMOTE_UNLOCK
                && HOSTILE_WHO.equals(e.requestedBy()));

        List<ILoggingEvent> lines = facegateLines();
        assertThat(lines).isNotEmpty();
        assertThat(lines).extracting(LogHygieneTest::text)
                .allSatisfy(t -> assertThat(t.chars().filter(c -> c != '\n')) // '\n' only joins causes above
                        .noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u202e'));
        assertThat(lines).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).extracting(LogHygieneTest::text)
                .isNotEmpty()
                .noneMatch(t -> t.contains("mallory"))
                .noneMatch(t -> t.contains("let me in") && t.contains("\n"));
        // At DEBUG, sanitized, for troubleshooting.
        assertThat(lines).filteredOn(e -> e.getLevel() == Level.DEBUG).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(t -> t.contains(WHO + "??12:00:00.000"));
    }
}

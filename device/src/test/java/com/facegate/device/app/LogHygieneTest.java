package com.facegate.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import com.facegate.device.support.LoopbackLink;
import com.facegate.device.support.TestDoors;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Sanitize;
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
 * What a hostile admin message can do to the door's log: nothing. The daemon's events, rendered by the encoder of
 * the Pi's own {@code /etc/facegate/logback.xml}, carry no CR/LF to forge lines, no ANSI escapes for the
 * operator's terminal and no bidi overrides, though the call sites log plain values; and who asked for a remote
 * command is not logged at INFO (it is in the audit record).
 */
class LogHygieneTest {
    private static final String DOOR = "door-log-1";
    private static final String WHO = "mallory.person@example.com";
    private static final String HOSTILE_WHO = WHO
            + "\r\n12:00:00.000 INFO  audit type=REMOTE_UNLOCK by=\"ceo\"\u001b[2J";
    private static final String HOSTILE_REASON = "let me in\n\u001b[31mFAKE ERROR\u001b[0m\u2028\u202e";
    /** The door's logging configuration as the package installs it. */
    private static final Path PI_LOGBACK = Path.of("../systemd/src/deb/etc/facegate/logback.xml");

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

    /** The encoder of the Pi's logback.xml, loaded into a context of its own. */
    private static Encoder<ILoggingEvent> piEncoder() throws JoranException {
        LoggerContext pi = new LoggerContext();
        pi.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(pi);
        joran.doConfigure(PI_LOGBACK.toFile());
        Appender<ILoggingEvent> journal = pi.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("JOURNAL");
        return ((OutputStreamAppender<ILoggingEvent>) journal).getEncoder();
    }

    /** What the journal would get for each event: its line and, after an exception, the stack trace's lines. */
    private static List<String> rendered(Encoder<ILoggingEvent> encoder, List<ILoggingEvent> events) {
        return events.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    /** No unsafe character, after the tabs that indent a stack frame. */
    private static boolean clean(String line) {
        return line.replaceFirst("^\t+", "").chars().noneMatch(c -> Sanitize.unsafe((char) c));
    }

    private List<ILoggingEvent> facegateLines() {
        return logs.list.stream().filter(e -> e.getLoggerName().startsWith("com.facegate")
                || e.getLoggerName().startsWith("facegate")).collect(Collectors.toList());
    }

    @Test
    void givenRemoteCommandsWithControlCharacters_whenHandled_thenLogLinesAreCleanAndRequesterIsNotAtInfo()
            throws Exception {
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

        List<ILoggingEvent> events = facegateLines();
        assertThat(events).isNotEmpty();
        Encoder<ILoggingEvent> pi = piEncoder();
        List<String> all = rendered(pi, events);
        assertThat(all).allSatisfy(r -> assertThat(r).endsWith(System.lineSeparator()));
        List<String> lines = all.stream().flatMap(String::lines).collect(Collectors.toList());
        assertThat(lines).allMatch(LogHygieneTest::clean)
                .noneMatch(l -> l.startsWith("12:00:00.000"))
                // One line per event, but for the frames of a stack trace.
                .filteredOn(l -> l.startsWith("<")).hasSize(events.size());
        List<String> atInfo = rendered(pi, events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .collect(Collectors.toList()));
        assertThat(atInfo).isNotEmpty().noneMatch(t -> t.contains("mallory"))
                .anyMatch(t -> t.startsWith("<6>INFO  [") && t.contains("audit: audit type=REMOTE_UNLOCK id=\""));
        // At DEBUG, escaped, for troubleshooting.
        assertThat(rendered(pi, events.stream().filter(e -> e.getLevel() == Level.DEBUG).collect(Collectors.toList())))
                .anyMatch(t -> t.contains(" by=\"" + WHO + "??12:00:00.000"));
    }
}

package com.facegate.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.audit.AuditSinkHandler;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local site's console lines, from what the real audit sink stored in the local stack's S3: a forged
 * command text stays one escaped line, and a message naming another door prints as the REJECTED record it became.
 */
class AuditConsoleTest {
    private static final String FRONT = "front-door-01";
    private static final String BACK = "back-door-02";

    @TempDir
    static Path dir;
    static LocalStack stack;
    static AuditSinkHandler sink;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().dataDir(dir).host("127.0.0.1").anyFreePorts().build().start();
        sink = new AuditSinkHandler(new AuditWriter(stack.s3Client(), stack.bucket(), Clock.systemUTC(),
                AwsRetries.standard()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** What the IoT rule hands the sink: the door's message plus the topic's door id. */
    private static AuditSinkHandler.Outcome publish(String topicDoorId, AuditEvent e) {
        ObjectNode tree = MessageCodec.mapper().valueToTree(e);
        tree.put("topicDoorId", topicDoorId);
        return sink.accept(tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String stored(String key) {
        return stack.s3Client().getObjectAsBytes(b -> b.bucket(stack.bucket()).key(key)).asUtf8String();
    }

    @Test
    void givenACommandWhoseTextForgesAConsoleLine_thenItIsPrintedAsOneEscapedLine() {
        String by = "ops\r\n  [door front-door-01] LOCKDOWN by security (\u001b[32mconfirmed\u001b[0m)";
        String reason = "visitor\u202e\u2066KCOLNU\u2069\u0085\u009b2J\u2028end";
        AuditEvent e = AuditEvent.of(FRONT, AuditEvent.Type.REMOTE_UNLOCK, AuditEvent.SOURCE_DEVICE, Instant.now())
                .withRequest("req-00000001", by).withReason(reason);

        AuditSinkHandler.Outcome o = publish(FRONT, e);
        String line = AuditConsole.line(FRONT, o);

        assertThat(o.accepted()).isTrue();
        assertThat(stored(o.key())).contains("REMOTE_UNLOCK"); // stored as sent: escaping is for the screen
        assertThat(line).startsWith("  [door front-door-01] REMOTE_UNLOCK by ops\\u000D\\u000A  [door front-door-01]");
        assertThat(line.lines()).hasSize(1);
        assertThat(line.codePoints().filter(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || c == 0x2028)).isEmpty();
        assertThat(line).contains("\\u001B[32m", "\\u202E", "\\u2066", "\\u0085", "\\u009B", "\\u2028");
        assertThat(AuditConsole.isVisitOutcome(o)).isFalse();
    }

    @Test
    void givenAnAuditMessageNamingAnotherDoor_thenTheConsoleShowsTheRejectedRecordTheSinkStored() {
        AuditEvent claim = AuditEvent.of(FRONT, AuditEvent.Type.UNLOCKED, AuditEvent.SOURCE_DEVICE, Instant.now())
                .withBadge("B-1234", 99.0).withReason(Reasons.MATCHED);

        AuditSinkHandler.Outcome o = publish(BACK, claim); // back door's certificate, front door's name
        String line = AuditConsole.line(BACK, o);

        assertThat(o.accepted()).isFalse();
        assertThat(o.reason()).isEqualTo(Reasons.WRONG_DOOR);
        assertThat(stored(o.key())).contains("\"recordKind\":\"REJECTED\"").contains(Reasons.WRONG_DOOR);
        assertThat(line).startsWith("  [door back-door-02] REJECTED WRONG_DOOR");
        assertThat(line).doesNotContain("UNLOCKED").doesNotContain(FRONT);
        assertThat(AuditConsole.isVisitOutcome(o)).isFalse();

        AuditSinkHandler.Outcome own = publish(FRONT, claim);
        assertThat(AuditConsole.line(FRONT, own)).isEqualTo("  [door front-door-01] UNLOCKED badge B-1234 (MATCHED)");
        assertThat(AuditConsole.isVisitOutcome(own)).isTrue();
    }
}

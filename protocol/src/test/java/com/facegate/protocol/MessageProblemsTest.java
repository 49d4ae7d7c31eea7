package com.facegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every refused message names the field and the rule it broke; duplicate keys are refused, not last-one-wins. */
class MessageProblemsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    private static String unlock(Instant issuedAt, Instant expiresAt) {
        return "{\"schemaVersion\":1,\"requestId\":\"req-00000001\",\"doorId\":\"front-door-01\",\"type\":\"UNLOCK\","
                + "\"requestedBy\":\"admin\",\"reason\":\"delivery\",\"issuedAt\":\"" + issuedAt + "\","
                + "\"expiresAt\":\"" + expiresAt + "\"}";
    }

    private static Problem firstProblem(String json, Class<? extends Message> type) {
        try {
            MessageCodec.decode(json, type);
        } catch (InvalidMessageException e) {
            return e.first();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void givenUnlockValidForAYear_whenDecoded_thenExpiresAtIsNamedWithTheFiveMinuteRule() {
        Problem p = firstProblem(unlock(NOW, NOW.plus(Duration.ofDays(365))), DoorCommand.class);
        assertThat(p).isEqualTo(new Problem("expiresAt", "more than 5 minutes after issuedAt"));
        assertThat(p.toString()).isEqualTo("expiresAt: more than 5 minutes after issuedAt");
    }

    @Test
    void givenReadableButInvalidCommand_whenRefused_thenItsWellFormedRequestIdIsNamed() {
        assertThatThrownBy(() -> MessageCodec.decode(unlock(NOW, NOW.plus(Duration.ofDays(1))), DoorCommand.class))
                .isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.messageId()).contains("req-00000001"));
        String hostileId = unlock(NOW, NOW.plusSeconds(30)).replace("req-00000001", "req\\r\\nX");
        assertThatThrownBy(() -> MessageCodec.decode(hostileId, DoorCommand.class))
                .isInstanceOfSatisfying(InvalidMessageException.class, e -> assertThat(e.messageId()).isEmpty());
    }

    @Test
    void givenUnlockValidForExactlyFiveMinutes_whenDecoded_thenAccepted() throws Exception {
        assertThat(MessageCodec.decode(unlock(NOW, NOW.plus(Validity.MAX)), DoorCommand.class).type())
                .isEqualTo(DoorCommand.Type.UNLOCK);
    }

    @Test
    void givenDecisionValidForAnHour_whenDecodedOrEncoded_thenRefusedWithTheSameRule() {
        Decision d = Decision.grant("front-door-01", "2026-11-28T08:00:00.120Z_7f3c9a1e", "B-1", 99.0, NOW,
                Duration.ofHours(1));
        assertThatThrownBy(() -> MessageCodec.encode(d)).hasMessageContaining("expiresAt: more than 5 minutes");
        String json = MessageCodec.encodeToString(Decision.grant("front-door-01", "2026-11-28T08:00:00.120Z_7f3c9a1e",
                "B-1", 99.0, NOW, Duration.ofSeconds(5))).replace("08:00:05Z", "09:00:00Z");
        assertThat(firstProblem(json, Decision.class).toString())
                .isEqualTo("expiresAt: more than 5 minutes after issuedAt");
    }

    @Test
    void givenTypeTwice_whenDecoded_thenMalformedAsDuplicateKeyNotLastOneWins() {
        String json = unlock(NOW, NOW.plusSeconds(30)).replace("\"type\":\"UNLOCK\"",
                "\"type\":\"LOCKDOWN\",\"type\":\"UNLOCK\"");
        assertThat(firstProblem(json, DoorCommand.class)).isEqualTo(new Problem("type", "duplicate key"));
    }

    @Test
    void givenDuplicateKeyInsideANestedObject_whenDecoded_thenItsPathIsNamed() {
        String json = MessageCodec.encodeToString(AuditEvent.of("front-door-01", AuditEvent.Type.RESYNC,
                AuditEvent.SOURCE_DEVICE, NOW))
                .replaceFirst("\\}$", ",\"details\":{\"result\":\"A\",\"result\":\"B\"}}");
        assertThat(firstProblem(json, AuditEvent.class).toString()).isEqualTo("details.result: duplicate key");
    }

    @Test
    void givenWrongValues_whenDecoded_thenFieldAndRuleAreNamedWithoutEchoingTheValue() {
        String badType = unlock(NOW, NOW.plusSeconds(30)).replace("\"UNLOCK\"", "\"OPEN_ALL\\u001b[31m\"");
        Problem type = firstProblem(badType, DoorCommand.class);
        assertThat(type.toString()).isEqualTo("type: not one of UNLOCK, LOCKDOWN, LIFT_LOCKDOWN, RESYNC");

        String badTime = unlock(NOW, NOW.plusSeconds(30)).replace("\"" + NOW + "\"", "\"yesterday\"");
        assertThat(firstProblem(badTime, DoorCommand.class).toString())
                .isEqualTo("issuedAt: not an ISO-8601 instant such as 2026-11-28T08:00:00Z");

        assertThat(firstProblem("{not json", DoorCommand.class).toString())
                .startsWith("message: not valid JSON (line 1");
        assertThat(firstProblem("[]", DoorCommand.class).toString())
                .isEqualTo("message: not a single JSON object for a DoorCommand");
        assertThat(firstProblem(unlock(NOW, NOW.plusSeconds(30)) + "{}", DoorCommand.class).field())
                .isEqualTo(Problem.WHOLE);
    }

    @Test
    void givenFieldNameWithControlCharacters_whenDuplicated_thenTheNamedFieldIsSafeForOneLogLine() {
        String json = unlock(NOW, NOW.plusSeconds(30));
        json = json.substring(0, json.length() - 1) + ",\"x\\r\\nFAKE\":1,\"x\\r\\nFAKE\":2}";
        assertThat(firstProblem(json, DoorCommand.class).toString()).isEqualTo("x??FAKE: duplicate key");
    }

    @Test
    void givenTimesAgainstTheDoorsClock_whenChecked_thenEachRuleIsNamed() {
        Duration skew = Duration.ofSeconds(2);
        assertThat(Validity.at(NOW, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)).plusSeconds(30), skew,
                Validity.MAX)).hasValueSatisfying(r -> {
                    assertThat(r.reason()).isEqualTo(Reasons.NOT_YET_VALID);
                    assertThat(r.problem().toString()).isEqualTo("issuedAt: 1 day in the future (skew 2 s)");
                });
        Instant epoch = Instant.EPOCH;
        assertThat(Validity.at(NOW, epoch, epoch.plusSeconds(30), skew, Validity.MAX)).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(Reasons.EXPIRED);
            assertThat(r.problem().toString()).isEqualTo("issuedAt: older than 5 minutes (skew 2 s)");
        });
        assertThat(Validity.at(NOW, NOW.minusSeconds(40), NOW.minusSeconds(10), skew, Validity.MAX))
                .hasValueSatisfying(r -> assertThat(r.problem().toString())
                        .isEqualTo("expiresAt: 10 s ago (skew 2 s)"));
        assertThat(Validity.at(NOW, NOW, NOW.plusSeconds(120), skew, Duration.ofMinutes(1)))
                .hasValueSatisfying(r -> assertThat(r.problem().toString())
                        .isEqualTo("expiresAt: more than 1 minute after issuedAt"));
        assertThat(Validity.at(NOW, NOW.plusSeconds(2), NOW.plusSeconds(32), skew, Validity.MAX)).isEmpty();
        assertThat(Validity.at(NOW, NOW.minusSeconds(31), NOW.minusSeconds(1), skew, Validity.MAX)).isEmpty();
    }
}

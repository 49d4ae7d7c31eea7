package com.facegate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.protocol.Sanitize;
import java.io.IOException;
import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;

class SafeLogEncoderTest {
    private static final String FORGED = "ok\r\nINFO  audit - audit type=REMOTE_UNLOCK by=\"ceo\"\u001b[2J\u202eevil";

    @Test
    void givenControlCharactersInAnArgument_whenRendered_thenOneLineWithQuestionMarks() throws Exception {
        try (Rendering r = Rendering.ofPattern("%-5level - %msg%n")) {
            r.logger("com.facegate.x").warn("door {} said {}", "d-1", FORGED);

            assertThat(r.text()).isEqualTo("WARN  - door d-1 said ok??INFO  audit - audit type=REMOTE_UNLOCK"
                    + " by=\"ceo\"?[2J?evil" + System.lineSeparator());
        }
    }

    @Test
    void givenEveryMessageAlias_whenRendered_thenEachIsEscaped() throws Exception {
        try (Rendering r = Rendering.ofPattern("%m|%message|%msg%n")) {
            r.logger("x").info("a{}", "\n\u2066b");

            assertThat(r.text()).isEqualTo("a??b|a??b|a??b" + System.lineSeparator());
        }
    }

    @Test
    void givenAHugeValue_whenRendered_thenTheMessageIsCut() throws Exception {
        try (Rendering r = Rendering.ofPattern("%msg%n")) {
            r.logger("x").info("key {}", "k".repeat(100_000));

            assertThat(r.text().strip()).hasSize(SafeMessageConverter.MAX + 3).endsWith("k...");
        }
    }

    @Test
    void givenKeyValuePairs_whenRendered_thenTextIsQuotedAndCodesAreBare() throws Exception {
        try (Rendering r = Rendering.ofPattern("%msg%kvp%n")) {
            r.logger("x").atInfo().addKeyValue("type", DayOfWeek.MONDAY).addKeyValue("id", FORGED)
                    .addKeyValue("n", 7).addKeyValue("request", (Object) null).log("audit");
            r.logger("x").info("no pairs");

            assertThat(r.text()).isEqualTo("audit type=MONDAY id=\"ok??INFO  audit - audit type=REMOTE_UNLOCK"
                    + " by='ceo'?[2J?evil\" n=7 request=null" + System.lineSeparator() + "no pairs"
                    + System.lineSeparator());
        }
    }

    @Test
    void givenAnExceptionAndAPatternNamingNone_whenRendered_thenTheAppendedTraceHasItsMessagesEscaped()
            throws Exception {
        try (Rendering r = Rendering.ofPattern("%msg%n")) {
            IllegalStateException e = new IllegalStateException(FORGED, new IOException("cause\n" + FORGED));
            e.addSuppressed(new IOException("suppressed\r\n\u001b[31m"));
            r.logger("x").error("handler failed", e);

            String text = r.text();
            assertThat(text).contains("java.lang.IllegalStateException: ok??INFO  audit - audit type=REMOTE_UNLOCK")
                    .contains("Caused by: java.io.IOException: cause?ok??INFO")
                    .contains("Suppressed: java.io.IOException: suppressed???[31m")
                    .contains("\tat com.facegate.logging.SafeLogEncoderTest");
            assertThat(text.lines()).noneMatch(l -> l.startsWith("INFO")).allSatisfy(SafeLogEncoderTest::clean);
        }
    }

    @Test
    void givenEveryExceptionWord_whenRendered_thenEachIsTheSafeOne() throws Exception {
        for (String word : new String[] {"ex", "exception", "throwable", "xEx", "xThrowable", "rEx"}) {
            try (Rendering r = Rendering.ofPattern("%msg%n%" + word)) {
                r.logger("x").error("failed", new IllegalArgumentException("bad\n\u001b[2Jline"));

                assertThat(r.text()).as(word).contains("IllegalArgumentException: bad??[2Jline");
                assertThat(r.text().lines()).as(word).allSatisfy(SafeLogEncoderTest::clean);
            }
        }
    }

    /** No unsafe character, after the tabs that indent a stack frame. */
    static void clean(String line) {
        String text = line.replaceFirst("^\t+", "");
        assertThat(text.chars().noneMatch(c -> Sanitize.unsafe((char) c))).as("no unsafe character in %s", line)
                .isTrue();
    }
}

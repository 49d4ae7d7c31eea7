package com.facegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizeTest {
    @Test
    void givenLineBreaksEscapesAndInvisibleCharacters_whenSanitized_thenEachBecomesAQuestionMark() {
        String hostile = "a\r\nb\u001b[31mc\u2028d\u2029e\u202ef\u200bg\u0085h";

        String s = Sanitize.forLog(hostile);

        assertThat(s).isEqualTo("\"a??b?[31mc?d?e?f?g?h\"");
    }

    @Test
    void givenQuotesOrLongText_whenSanitized_thenQuotesCannotCloseTheValueAndLengthIsBounded() {
        assertThat(Sanitize.forLog("x\" by=\"ceo")).isEqualTo("\"x' by='ceo\"");
        assertThat(Sanitize.forLog("y".repeat(200))).hasSize(80 + 2 + 3).endsWith("...\"");
        assertThat(Sanitize.forLog(null)).isEqualTo("null");
    }

    @Test
    void givenBidiIsolatesTagsAndLoneSurrogates_whenSanitized_thenNoneSurvives() {
        String hostile = "a\u2066b\u2069c\u202ad\u061ce\u007ff\u009bg\uDB40\uDC41h\uD800i\uFEFFj";
        assertThat(Sanitize.forLog(hostile)).isEqualTo("\"a?b?c?d?e?f?g?h?i?j\"");
        // A pair is one code point: truncation never leaves half of it.
        assertThat(Sanitize.forLog("\uD83D\uDE00".repeat(100))).startsWith("\"\uD83D\uDE00").endsWith("\uDE00...\"");
    }

    @Test
    void givenAForgedConsoleLine_whenForTerminal_thenItStaysOneVisibleLineAndShowsWhatWasSent() {
        String forged = "ok\r\n  [door front-door-01] LOCKDOWN\u001b[2K\u202e\\u000A";
        String s = Sanitize.forTerminal(forged);
        assertThat(s).isEqualTo("ok\\u000D\\u000A  [door front-door-01] LOCKDOWN\\u001B[2K\\u202E\\\\u000A");
        assertThat(s.codePoints().filter(Sanitize::unsafe)).isEmpty();
        assertThat(Sanitize.forTerminal("Jos\u00e9 \uD83D\uDE00")).isEqualTo("Jos\u00e9 \uD83D\uDE00");
        assertThat(Sanitize.forTerminal("tag\uDB40\uDC41")).isEqualTo("tag\\u{E0041}");
    }
}

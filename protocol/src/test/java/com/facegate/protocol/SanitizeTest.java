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
}

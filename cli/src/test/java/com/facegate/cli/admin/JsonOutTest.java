package com.facegate.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --json} output is inert on a terminal and still the same strings to a JSON reader. */
class JsonOutTest {
    @Test
    void terminalActingCodePointsAreEscapedAndTheValueRoundTrips() throws Exception {
        String forged = "courier\u202E\u0085\u2028\u001B[31mLOCKDOWN \u00e9\uD83D\uDE00";
        StringWriter text = new StringWriter();
        JsonOut.print(new PrintWriter(text), Map.of("reason", forged));
        String out = text.toString();

        assertThat(out).doesNotContain("\u202E", "\u0085", "\u2028", "\u001B");
        assertThat(out).contains("\\u202E", "\\u0085", "\\u2028", "\\u001B");
        assertThat(out).contains("\u00e9"); // ordinary letters stay readable
        assertThat(JsonOut.mapper().readTree(out).get("reason").asText()).isEqualTo(forged);
    }
}

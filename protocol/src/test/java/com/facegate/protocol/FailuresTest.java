package com.facegate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void givenAMessageQuotingAPayload_whenDescribed_thenOneQuotedLineWithTheSimpleName() {
        IOException e = new IOException("Unexpected character ('x'): \"x\r\n\u001b[2J\"");

        assertThat(Failures.describe(e)).isEqualTo("IOException: \"Unexpected character ('x'): 'x???[2J'\"");
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Failures.describe(null)).isEqualTo("null");
    }

    @Test
    void givenWrappers_whenTheRootIsAsked_thenTheInnermostCauseEvenInACycle() {
        IOException io = new IOException("connection refused");
        assertThat(Failures.root(new CompletionException(new UncheckedIOException(io)))).isSameAs(io);
        assertThat(Failures.root(io)).isSameAs(io);

        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b); // a cycle: the walk stops instead of spinning
        assertThat(Failures.root(a)).isIn(a, b);
    }
}

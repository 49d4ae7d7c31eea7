package com.facegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./facegate bench NAME}: one subcommand per benchmark, each handing its arguments to the benchmark. */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyBenchmarkIsASubcommandWithItsUsageLine() {
        CommandLine bench = new CommandLine(new FaceGate()).getSubcommands().get("bench");

        assertThat(bench.getSubcommands().keySet()).containsExactly("verify", "identify", "engine", "attributes",
                "search", "search-lucene", "liveness", "device", "e2e", "rush", "console");
        assertThat(bench.getUsageMessage()).contains("verify", "LFW verification protocol: --pairs FILE --images DIR")
                .contains("search-lucene", "The same search workload on Lucene's HNSW index: --faces N");
    }

    @Test
    void givenAMissingFolder_thenTheBenchmarkItselfSaysWhatIsWrongAndExitsTwo() {
        Path missing = dir.resolve("no-such-folder");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new FaceGate()).execute("bench", "identify", "--images", missing.toString());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);

        assertThat(exit).isEqualTo(2);
        assertThat(out).startsWith("usage: identify --images <root>/<Person>/*.jpg")
                .contains("--images " + missing + " does not exist");
    }
}

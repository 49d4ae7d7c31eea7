package com.facegate.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library-index bench runs, finds planted faces when its beam covers the set, and reports by its contract. */
class LuceneSearchBenchTest {
    @Test
    void givenASmallSet_whenTheBeamCoversIt_thenEveryPlantedFaceIsFoundAndTheLastLineIsKeyValues() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit = LuceneSearchBench.run(new String[] {"--faces", "2000", "--dim", "512", "--queries", "20",
                "--candidates", "5,2000"}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).isZero();
        assertThat(lines.get(lines.size() - 1))
                .matches("search-lucene faces=2000 candidates=2000 p50_ms=\\S+ p95_ms=\\S+ recall=1\\.0000 "
                        + "build_s=\\S+ rss_mb=\\d+");
    }

    @Test
    void badArgumentsGiveUsageAndExitCode2() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit = run(buf, "--faces", "many");
        assertThat(exit).isEqualTo(2);
        assertThat(buf.toString(StandardCharsets.UTF_8)).startsWith("usage: search-lucene");
    }

    private static int run(ByteArrayOutputStream buf, String... args) {
        try {
            return LuceneSearchBench.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

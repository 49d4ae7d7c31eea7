package com.facegate.bench.rush;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.support.Faces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rush machinery at CI size: two real door daemons, a few visitors, AWS-like delays and cold starts, then a
 * short capacity step. Asserts the once-per-capture checks, not speed.
 */
class RushBenchTest {
    @TempDir
    Path data;

    @Test
    void givenTwoDoorsAndAFewVisitors_whenTheRushRuns_thenEveryCaptureIsDecidedOnceAndTheLastLineSaysSo()
            throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = RushBench.run(new String[] {"--images", Faces.lfw().toString(), "--doors", "2", "--people", "3",
            "--strangers", "1", "--minutes", "0.1", "--capacity-rates", "2", "--capacity-seconds", "2",
            "--data", data.toString()}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).as(out).matches("rush doors=2 visits=[34] decisions_per_s=[0-9.]+ p95_ms=[0-9]+ p99_ms=[0-9]+"
                + " lost=0 duplicates=0 capacity_per_s=[0-9]+ cold_starts=[1-9][0-9]* tps=unlimited granted_late=0");
        assertThat(out).contains("audit_records_not_exactly_one=0");
        assertThat(List.of(lines)).anyMatch(l -> l.startsWith("capacity offered_per_s=2 captures=4 decided=4"));
        assertThat(rc).isZero();
    }
}

package com.facegate.bench.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.support.Faces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark still runs end to end and prints its figures (a tiny run; speed is not asserted). */
class DeviceBenchTest {
    @Test
    void givenTwoVisits_whenBenchRuns_thenOneUploadPerVisitAndTheSummaryLineIsPrinted() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = DeviceBench.run(new String[] {"--images", Faces.lfw().toString(), "--visits", "2",
            "--idle-seconds", "1", "--idle-interval-ms", "200"}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(rc).isZero();
        assertThat(out).contains("2 visits -> 2 uploads (1.00 per visit)");
        String[] lines = out.strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("device fps=[0-9.]+ rss_mb=[0-9]+ idle_cpu_pct=[0-9.]+");
    }
}

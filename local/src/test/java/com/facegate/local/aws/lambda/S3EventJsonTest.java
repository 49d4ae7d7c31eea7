package com.facegate.local.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Our event JSON against the S3 samples in ../shared/events, through the Lambda runtime's deserialiser. */
class S3EventJsonTest {
    private static Path samples() {
        Path dir = Path.of(System.getProperty("facegate.events", "../../shared/events"));
        assumeTrue(Files.isDirectory(dir), "S3 event samples not found at " + dir);
        return dir;
    }

    @Test
    void keysAreEncodedExactlyAsInEverySample() throws IOException {
        int records = 0;
        try (Stream<Path> files = Files.list(samples())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                S3Event sample = LambdaTarget.parse(Files.readString(f));
                for (var r : sample.getRecords()) {
                    String decoded = r.getS3().getObject().getUrlDecodedKey();
                    assertThat(S3KeyEncoding.encode(decoded)).as(f.getFileName().toString())
                            .isEqualTo(r.getS3().getObject().getKey());
                    records++;
                }
            }
        }
        assertThat(records).isGreaterThanOrEqualTo(4);
    }

    @Test
    void eventRoundTripsThroughTheLambdaRuntimeSerializer() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T08:00:00.123Z"), ZoneOffset.UTC);
        String json = new S3EventJson("eu-west-1", "AWS:AKIDLOCAL", "OWNER", clock).event(new ObjectCreated(
                ObjectCreated.COMPLETE_MULTIPART, "facegate-example", "enroll/B-10442/Ana María López front.jpg",
                182004, "\"d41d8cd98f00b204e9800998ecf8427e-2\"", "0062A1F8D6B8C4E2F1"), "facegate-enroll");
        var r = LambdaTarget.parse(json).getRecords().get(0);
        assertThat(r.getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(r.getEventTime().toInstant().getMillis())
                .isEqualTo(Instant.parse("2026-11-28T08:00:00.123Z").toEpochMilli());
        assertThat(r.getS3().getObject().getKey()).isEqualTo("enroll/B-10442/Ana+Mar%C3%ADa+L%C3%B3pez+front.jpg");
        assertThat(r.getS3().getObject().geteTag()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e-2");
        assertThat(r.getS3().getObject().getSizeAsLong()).isEqualTo(182004L);
        assertThat(r.getS3().getConfigurationId()).isEqualTo("facegate-enroll");
        assertThat(r.getUserIdentity().getPrincipalId()).isEqualTo("AWS:AKIDLOCAL");
        assertThat(r.getS3().getBucket().getOwnerIdentity().getPrincipalId()).isEqualTo("OWNER");
    }

    @Test
    void sequencersOnlyGrow() {
        Sequencer s = new Sequencer();
        String prev = s.next();
        for (int i = 0; i < 1000; i++) {
            String next = s.next();
            assertThat(next).hasSize(18).isGreaterThan(prev);
            prev = next;
        }
    }
}

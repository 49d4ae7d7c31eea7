package com.facegate.local.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.aws.lambda.AsyncLambdaInvoker;
import com.facegate.local.aws.lambda.S3EventJson;
import com.facegate.local.aws.lambda.S3EventNotifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Objects an earlier version stored under the key itself are found under their keys after the next start. */
class LegacyKeyFilesTest {
    @TempDir
    Path data;

    @Test
    void objectsOfAnEarlierRunKeepTheirKeysBodiesAndETags() throws Exception {
        Path base = data.resolve("s3");
        Files.createDirectories(base);
        FilesystemNio2BlobStore old = new FilesystemNio2BlobStore(base.toString());
        old.createContainer("site");
        String[] keys = {"registry/badges/B-1.json", "captures/front-door-01/2026-01-01T00:00:00Z_ab.jpg",
                "enroll/B-1/Ana María front.jpg"};
        for (String k : keys) {
            old.putBlob(PutObjectRequest.builder().bucket("site").key(k).contentType("text/plain").build(),
                    new ByteArrayInputStream(k.getBytes(StandardCharsets.UTF_8)));
        }
        String eTag = old.blobMetadata("site", keys[0]).eTag();

        AsyncLambdaInvoker invoker = new AsyncLambdaInvoker(data.resolve("dl"), data.resolve("pending"), "eu-west-1",
                1, 10, Duration.ofMillis(10), Duration.ofSeconds(5), Clock.systemUTC());
        try (S3Server s3 = S3Server.builder().baseDir(base).port(0).bucket("site").credentials("AK", "SK")
                .notifier(new S3EventNotifier(new S3EventJson("eu-west-1", "AWS:AK", "O", Clock.systemUTC()),
                        invoker)).build().start()) {
            for (String k : keys) {
                assertThat(s3.blobStore().getBlob("site", k).readAllBytes()).asString(StandardCharsets.UTF_8)
                        .isEqualTo(k);
            }
            assertThat(s3.blobStore().blobMetadata("site", keys[0]).eTag()).isEqualTo(eTag);
            assertThat(s3.blobStore().list("site").contents()).extracting(o -> o.key())
                    .containsExactlyInAnyOrder(keys);
        } finally {
            invoker.close();
        }
        try (Stream<Path> files = Files.walk(base.resolve("site"))) {
            assertThat(files.filter(Files::isRegularFile)).allSatisfy(f -> assertThat(f.toString()).endsWith("%"));
        }
        assertThat(LegacyKeyFiles.migrate(base.resolve("site"))).isZero(); // idempotent
    }
}

package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 features the cloud code relies on, checked against the real wire protocol (s3proxy). */
class ConditionalWriteProbeTest {
    @TempDir
    static Path dir;
    static LocalS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(dir, "probe");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void putIfNoneMatchStarRefusesSecondWriteWith412() {
        s3.client().putObject(b -> b.bucket("probe").key("k").ifNoneMatch("*"), RequestBody.fromString("one"));
        assertThatThrownBy(() -> s3.client().putObject(b -> b.bucket("probe").key("k").ifNoneMatch("*"),
                RequestBody.fromString("two")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket("probe").key("k")).asUtf8String()).isEqualTo("one");
    }

    @Test
    void getIfNoneMatchAnswers304() {
        s3.client().putObject(b -> b.bucket("probe").key("g"), RequestBody.fromString("doc"));
        String etag = s3.client().headObject(b -> b.bucket("probe").key("g")).eTag();
        assertThatThrownBy(() -> s3.client().getObjectAsBytes(b -> b.bucket("probe").key("g").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    }
}

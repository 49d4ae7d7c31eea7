package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 features the cloud code relies on, checked against the real wire protocol (s3proxy). */
class ConditionalWriteProbeTest {
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("probe");

    @Test
    void putIfNoneMatchStarRefusesSecondWriteWith412() {
        firstWrite("k", "one");
        assertThatThrownBy(() -> s3.client().putObject(b -> b.bucket("probe").key("k").ifNoneMatch("*"),
                RequestBody.fromString("two")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket("probe").key("k")).asUtf8String()).isEqualTo("one");
    }

    /**
     * A conditional first write. The SDK retries a send that broke after the server had stored the object, and the
     * retry then meets our own write (412) — the case S3Claim settles by what is stored; settled the same way here.
     */
    private static void firstWrite(String key, String body) {
        try {
            s3.client().putObject(b -> b.bucket("probe").key(key).ifNoneMatch("*"), RequestBody.fromString(body));
        } catch (S3Exception e) {
            assertThat(e.statusCode()).isEqualTo(412);
            assertThat(s3.client().getObjectAsBytes(b -> b.bucket("probe").key(key)).asUtf8String()).isEqualTo(body);
        }
    }

    @Test
    void getIfNoneMatchAnswers304() {
        s3.client().putObject(b -> b.bucket("probe").key("g"), RequestBody.fromString("doc"));
        String etag = s3.client().headObject(b -> b.bucket("probe").key("g")).eTag();
        assertThatThrownBy(() -> s3.client().getObjectAsBytes(b -> b.bucket("probe").key("g").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    }
}

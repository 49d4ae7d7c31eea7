package com.facegate.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Claims settle by what S3 stored when the PUT's answer is lost (a broken connection after the server wrote, or
 * before it did), against a real S3 wire endpoint; the connection faults are injected in the client.
 */
class S3ClaimTest {
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("claims");

    @Test
    void givenTheAnswerIsLostAfterTheWrite_whenClaiming_thenTheStoredTokenMakesItOurs() {
        try (S3Client lossy = client(new LoseAnswer())) {
            S3Claim.Result r = S3Claim.create(lossy, "claims", "a.claim", body("token-a"), "token-a");
            assertThat(r.created()).isTrue();
        }
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket("claims").key("a.claim")).asUtf8String())
                .contains("token-a");
    }

    @Test
    void givenAnotherClaimAndALostAnswer_whenClaiming_thenItIsNotOursAndTheOtherIsReturned() {
        assertThat(S3Claim.create(s3.client(), "claims", "b.claim", body("first"), "first").created()).isTrue();
        try (S3Client lossy = client(new LoseAnswer())) {
            S3Claim.Result r = S3Claim.create(lossy, "claims", "b.claim", body("second"), "second");
            assertThat(r.created()).isFalse();
            assertThat(new String(r.existing(), StandardCharsets.UTF_8)).contains("first");
        }
    }

    @Test
    void givenTheConnectionBreaksBeforeTheWrite_whenClaiming_thenTheErrorGoesUpForARetry() {
        try (S3Client broken = client(new BreakBeforeSend())) {
            assertThatThrownBy(() -> S3Claim.create(broken, "claims", "c.claim", body("c"), "c"))
                    .isInstanceOf(SdkClientException.class);
        }
        assertThat(S3Claim.create(s3.client(), "claims", "c.claim", body("c2"), "c2").created()).isTrue();
    }

    @Test
    void givenAnExistingClaim_whenClaimingAgain_thenTheFirstStands() {
        assertThat(S3Claim.create(s3.client(), "claims", "d.claim", body("one"), "one").created()).isTrue();
        S3Claim.Result again = S3Claim.create(s3.client(), "claims", "d.claim", body("two"), "two");
        assertThat(again.created()).isFalse();
        assertThat(new String(again.existing(), StandardCharsets.UTF_8)).contains("one");
    }

    private static byte[] body(String token) {
        return ("{\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static S3Client client(ExecutionInterceptor fault) {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + s3.port()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("facegate-test", "facegate-test-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(CloudClients.s3Overrides().toBuilder().addExecutionInterceptor(fault).build())
                .build();
    }

    /** The server handled the PUT; its answer never reaches us. */
    private static final class LoseAnswer implements ExecutionInterceptor {
        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attrs) {
            if (context.request() instanceof PutObjectRequest) {
                throw SdkClientException.create("connection reset (injected)");
            }
            return context.httpResponse();
        }
    }

    /** The PUT never reaches the server. */
    private static final class BreakBeforeSend implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
            if (context.request() instanceof PutObjectRequest) {
                throw SdkClientException.create("connection refused (injected)");
            }
        }
    }
}

package com.facegate.local.aws.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.aws.auth.SigV4Result.Failure;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own public signer must verify; any change to them must not. */
class SigV4VerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-28T04:30:00Z");
    private static final Map<String, String> KEYS = Map.of("AKIDLOCAL", "local-secret-1", "AKIDOTHER", "other-secret");
    private static final SigV4Verifier REKOGNITION =
            SigV4Verifier.forService("rekognition", "eu-west-1", KEYS).withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void sdkSignedJsonRequestVerifies() {
        SigV4Request request = signed("rekognition", "AKIDLOCAL", "local-secret-1", NOW,
                "/", "", "{\"CollectionId\":\"doors\"}");
        SigV4Result result = REKOGNITION.verify(request);
        assertThat(result.isValid()).as(result.message()).isTrue();
        assertThat(result.accessKeyId()).isEqualTo("AKIDLOCAL");
    }

    @Test
    void awkwardPathAndQueryAreCanonicalisedLikeTheSdk() {
        // Non-S3 services double-encode the path; S3 does not. Both must round-trip.
        String path = "/topics/facegate%2Fdoors%2Fd-1%2Fdecision/a%20b/%C3%A9";
        String query = "qos=1&b=%2B%20x&a=z&a=y&empty=";
        SigV4Request iot = signed("iotdata", "AKIDLOCAL", "local-secret-1", NOW, path, query, "{}");
        SigV4Verifier iotVerifier = SigV4Verifier.forService("iotdata", "eu-west-1", KEYS)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(iotVerifier.verify(iot).isValid()).as(iotVerifier.verify(iot).message()).isTrue();

        SigV4Request s3 = signed("s3", "AKIDLOCAL", "local-secret-1", NOW, "/bucket/captures/d%201/x%2By.jpg",
                "tagging=", "jpegbytes");
        SigV4Verifier s3Verifier = SigV4Verifier.forService("s3", "eu-west-1", KEYS)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(s3Verifier.verify(s3).isValid()).as(s3Verifier.verify(s3).message()).isTrue();
        // A non-S3 request signed with S3's single encoding must not verify: the verifier double-encodes.
        SigV4Request singleEncoded = signed("iotdata", "AKIDLOCAL", "local-secret-1", NOW, path, query, "{}", false);
        assertThat(iotVerifier.verify(singleEncoded).failure()).isEqualTo(Failure.SIGNATURE_MISMATCH);
    }

    @Test
    void tamperedBodyHeaderPathOrQueryFails() {
        SigV4Request good = signed("rekognition", "AKIDLOCAL", "local-secret-1", NOW, "/", "a=1", "{\"MaxFaces\":1}");

        SigV4Request body = new SigV4Request(good.method(), good.rawPath(), good.rawQuery(), good.headers(),
                "{\"MaxFaces\":9}".getBytes(StandardCharsets.UTF_8));
        assertThat(REKOGNITION.verify(body).failure()).isEqualTo(Failure.BODY_HASH_MISMATCH);
        assertThat(REKOGNITION.verify(body).errorCode()).isEqualTo("InvalidSignatureException");

        Map<String, List<String>> headers = new LinkedHashMap<>(good.headers());
        headers.put("X-Amz-Target", List.of("RekognitionService.DeleteCollection"));
        SigV4Request header = new SigV4Request(good.method(), good.rawPath(), good.rawQuery(), headers, good.body());
        assertThat(REKOGNITION.verify(header).failure()).isEqualTo(Failure.SIGNATURE_MISMATCH);

        SigV4Request path = new SigV4Request(good.method(), "/other", good.rawQuery(), good.headers(), good.body());
        assertThat(REKOGNITION.verify(path).failure()).isEqualTo(Failure.SIGNATURE_MISMATCH);

        SigV4Request query = new SigV4Request(good.method(), good.rawPath(), "a=2", good.headers(), good.body());
        assertThat(REKOGNITION.verify(query).failure()).isEqualTo(Failure.SIGNATURE_MISMATCH);

        SigV4Request method = new SigV4Request("PUT", good.rawPath(), good.rawQuery(), good.headers(), good.body());
        assertThat(REKOGNITION.verify(method).failure()).isEqualTo(Failure.SIGNATURE_MISMATCH);
    }

    @Test
    void wrongSecretUnknownKeyAndWrongScopeFail() {
        SigV4Result wrongSecret = REKOGNITION.verify(
                signed("rekognition", "AKIDLOCAL", "not-the-secret", NOW, "/", "", "{}"));
        assertThat(wrongSecret.failure()).isEqualTo(Failure.SIGNATURE_MISMATCH);
        assertThat(wrongSecret.errorCode()).isEqualTo("InvalidSignatureException");

        // A valid signature made with another configured key's secret under this key id is still a mismatch.
        assertThat(REKOGNITION.verify(signed("rekognition", "AKIDLOCAL", "other-secret", NOW, "/", "", "{}"))
                .failure()).isEqualTo(Failure.SIGNATURE_MISMATCH);

        SigV4Result unknown = REKOGNITION.verify(signed("rekognition", "AKIDNOBODY", "x", NOW, "/", "", "{}"));
        assertThat(unknown.failure()).isEqualTo(Failure.UNRECOGNIZED_CLIENT);
        assertThat(unknown.errorCode()).isEqualTo("UnrecognizedClientException");

        SigV4Result otherService = REKOGNITION.verify(signed("s3", "AKIDLOCAL", "local-secret-1", NOW, "/", "", "{}"));
        assertThat(otherService.failure()).isEqualTo(Failure.WRONG_SCOPE);

        SigV4Verifier otherRegion = SigV4Verifier.forService("rekognition", "us-east-1", KEYS)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherRegion.verify(signed("rekognition", "AKIDLOCAL", "local-secret-1", NOW, "/", "", "{}"))
                .failure()).isEqualTo(Failure.WRONG_SCOPE);
    }

    @Test
    void clockSkewBeyondFifteenMinutesFails() {
        assertThat(REKOGNITION.verify(signed("rekognition", "AKIDLOCAL", "local-secret-1",
                NOW.minus(Duration.ofMinutes(14)), "/", "", "{}")).isValid()).isTrue();
        assertThat(REKOGNITION.verify(signed("rekognition", "AKIDLOCAL", "local-secret-1",
                NOW.plus(Duration.ofMinutes(14)), "/", "", "{}")).isValid()).isTrue();
        SigV4Result stale = REKOGNITION.verify(signed("rekognition", "AKIDLOCAL", "local-secret-1",
                NOW.minus(Duration.ofMinutes(16)), "/", "", "{}"));
        assertThat(stale.failure()).isEqualTo(Failure.SIGNATURE_EXPIRED);
        assertThat(stale.errorCode()).isEqualTo("InvalidSignatureException");
        assertThat(REKOGNITION.verify(signed("rekognition", "AKIDLOCAL", "local-secret-1",
                NOW.plus(Duration.ofMinutes(16)), "/", "", "{}")).failure()).isEqualTo(Failure.SIGNATURE_EXPIRED);
    }

    @Test
    void missingOrMalformedAuthorizationIsReported() {
        SigV4Request none = new SigV4Request("POST", "/", "", Map.of("Host", List.of("localhost")), new byte[0]);
        SigV4Result missing = REKOGNITION.verify(none);
        assertThat(missing.failure()).isEqualTo(Failure.MISSING_AUTHENTICATION);
        assertThat(missing.errorCode()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(missing.httpStatus()).isEqualTo(403);

        SigV4Request basic = new SigV4Request("POST", "/", "",
                Map.of("Host", List.of("localhost"), "Authorization", List.of("Basic dXNlcjpwYXNz")), new byte[0]);
        assertThat(REKOGNITION.verify(basic).failure()).isEqualTo(Failure.INCOMPLETE_SIGNATURE);

        SigV4Request noSignature = new SigV4Request("POST", "/", "", Map.of("Host", List.of("localhost"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261128/eu-west-1/rekognition/"
                        + "aws4_request, SignedHeaders=host;x-amz-date")), new byte[0]);
        assertThat(REKOGNITION.verify(noSignature).failure()).isEqualTo(Failure.INCOMPLETE_SIGNATURE);
    }

    @Test
    void unsignedPayloadOnlyWhereAllowed() {
        SigV4Request unsigned = signedUnsignedPayload("s3", NOW);
        SigV4Verifier s3 = SigV4Verifier.forService("s3", "eu-west-1", KEYS)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(s3.verify(unsigned).isValid()).as(s3.verify(unsigned).message()).isTrue();
        SigV4Verifier strictS3 = s3.withUnsignedPayloadAllowed(false);
        assertThat(strictS3.verify(unsigned).failure()).isEqualTo(Failure.BODY_HASH_MISMATCH);
    }

    /**
     * The "get-vanilla" case of AWS's published SigV4 test suite: no x-amz-content-sha256 header (as the AWS CLI
     * sends to non-S3 services), hash computed from the (empty) body.
     */
    @Test
    void publishedTestVectorWithoutContentHashHeaderVerifies() {
        Instant signedAt = Instant.parse("2015-08-30T12:36:00Z");
        SigV4Verifier verifier = SigV4Verifier.forService("service", "us-east-1",
                Map.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .withClock(Clock.fixed(signedAt.plusSeconds(30), ZoneOffset.UTC));
        Map<String, List<String>> headers = Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
        SigV4Result result = verifier.verify(new SigV4Request("GET", "/", "", headers, new byte[0]));
        assertThat(result.isValid()).as(result.message()).isTrue();
    }

    /** Signs like an SDK client would (public AwsV4HttpSigner), returning the request as a server receives it. */
    static SigV4Request signed(String service, String accessKey, String secret, Instant at, String rawPath,
                               String rawQuery, String body) {
        return signed(service, accessKey, secret, at, rawPath, rawQuery, body, !"s3".equals(service));
    }

    static SigV4Request signed(String service, String accessKey, String secret, Instant at, String rawPath,
                               String rawQuery, String body, boolean doubleEncode) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String uri = "http://127.0.0.1:4599" + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(uri))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "RekognitionService.ListCollections")
                .putHeader("Content-Length", Integer.toString(bytes.length));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(http.build())
                .payload(() -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, doubleEncode)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, doubleEncode)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return asReceived(signed.request(), rawPath, rawQuery, bytes);
    }

    private static SigV4Request signedUnsignedPayload(String service, Instant at) {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://127.0.0.1:4599/bucket/key.jpg")).build();
        byte[] bytes = "image".getBytes(StandardCharsets.UTF_8);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDLOCAL", "local-secret-1"))
                .request(http)
                .payload(() -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        assertThat(signed.request().firstMatchingHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        return asReceived(signed.request(), "/bucket/key.jpg", "", bytes);
    }

    private static SigV4Request asReceived(SdkHttpRequest request, String rawPath, String rawQuery, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.forEachHeader((k, v) -> headers.put(k, new ArrayList<>(v)));
        headers.putIfAbsent("Host", List.of("127.0.0.1:4599"));
        return new SigV4Request(request.method().name(), rawPath, rawQuery, headers, body);
    }
}

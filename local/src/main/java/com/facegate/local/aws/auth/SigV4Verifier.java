package com.facegate.local.aws.auth;

import com.facegate.local.aws.auth.SigV4Result.Failure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4CanonicalRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.util.SignerUtils;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies AWS Signature Version 4 (Authorization-header form) on requests arriving at our local AWS-compatible
 * endpoints. Immutable and thread-safe.
 *
 * <p>The canonical request and signing key are computed by the AWS SDK v2's own SigV4 code
 * ({@code V4CanonicalRequest}, {@code SignerUtils}, the same classes {@code AwsV4HttpSigner} signs with), so URI and
 * query encoding match what clients sign: non-S3 services double-encode and normalise the path, S3 does neither.
 * We call those classes rather than {@code AwsV4HttpSigner.sign} because the public signer always adds and signs
 * {@code x-amz-content-sha256}, which the AWS CLI (botocore) does not send to non-S3 services; its signatures
 * could then never be reproduced. The SDK version is pinned by the BOM and the tests sign with the public signer.
 */
public final class SigV4Verifier {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(15);

    private final String service;
    private final String region;
    private final Principals principals;
    private final Clock clock;
    private final Duration maxSkew;
    private final boolean allowUnsignedPayload;
    private final boolean anyRegion;

    private SigV4Verifier(String service, String region, Principals principals, Clock clock,
                          Duration maxSkew, boolean allowUnsignedPayload, boolean anyRegion) {
        this.service = Objects.requireNonNull(service, "service");
        this.region = Objects.requireNonNull(region, "region");
        this.principals = Objects.requireNonNull(principals, "principals");
        this.clock = clock;
        this.maxSkew = maxSkew;
        this.allowUnsignedPayload = allowUnsignedPayload;
        this.anyRegion = anyRegion;
    }

    /**
     * A verifier for one signing service name (e.g. {@code rekognition}, {@code iotdata}, {@code s3}) in one region.
     * Unsigned payloads ({@code x-amz-content-sha256: UNSIGNED-PAYLOAD}) are accepted only for {@code s3}, as AWS does.
     *
     * @param secretsByAccessKey access key id → secret access key, each allowed everything
     */
    public static SigV4Verifier forService(String service, String region, Map<String, String> secretsByAccessKey) {
        return forService(service, region, Principals.allowAll(secretsByAccessKey));
    }

    /** A verifier that knows callers from {@code principals}, temporary credentials (session token, expiry) too. */
    public static SigV4Verifier forService(String service, String region, Principals principals) {
        return new SigV4Verifier(service, region, principals, Clock.systemUTC(), DEFAULT_MAX_SKEW,
                "s3".equals(service), false);
    }

    public SigV4Verifier withClock(Clock newClock) {
        return new SigV4Verifier(service, region, principals, newClock, maxSkew, allowUnsignedPayload, anyRegion);
    }

    public SigV4Verifier withMaxClockSkew(Duration skew) {
        return new SigV4Verifier(service, region, principals, clock, skew, allowUnsignedPayload, anyRegion);
    }

    public SigV4Verifier withUnsignedPayloadAllowed(boolean allowed) {
        return new SigV4Verifier(service, region, principals, clock, maxSkew, allowed, anyRegion);
    }

    /**
     * Accepts a signature scoped to any region (still verified, with the region the client signed for): a
     * single-site endpoint has no other region to send the client to, and the AWS CLI signs for its own default.
     */
    public SigV4Verifier withAnySigningRegion(boolean any) {
        return new SigV4Verifier(service, region, principals, clock, maxSkew, allowUnsignedPayload, any);
    }

    public String service() {
        return service;
    }

    public String region() {
        return region;
    }

    public SigV4Result verify(SigV4Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return SigV4Result.fail(Failure.MISSING_AUTHENTICATION, "Missing Authentication Token");
        }
        AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
        if (auth == null) {
            return SigV4Result.fail(Failure.INCOMPLETE_SIGNATURE,
                    "Authorization header requires Credential, SignedHeaders and Signature (AWS4-HMAC-SHA256).");
        }
        Principal principal = principals.find(auth.accessKeyId()).orElse(null);
        if (principal == null || !principal.tokenMatches(request.header("X-Amz-Security-Token"))) {
            return SigV4Result.fail(Failure.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid.");
        }
        if (principal.expiredAt(clock.instant())) {
            return SigV4Result.fail(Failure.EXPIRED_TOKEN, "The security token included in the request is expired");
        }
        String secret = principal.secretAccessKey();
        boolean regionOk = anyRegion ? auth.region().matches("[a-z0-9-]{1,32}") : region.equals(auth.region());
        if (!regionOk) {
            return SigV4Result.fail(Failure.WRONG_SCOPE,
                    "Credential should be scoped to a valid region, not '" + auth.region() + "'.");
        }
        if (!service.equals(auth.service())) {
            return SigV4Result.fail(Failure.WRONG_SCOPE,
                    "Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!auth.signedHeaders().contains("host")) {
            return SigV4Result.fail(Failure.INCOMPLETE_SIGNATURE, "SignedHeaders must include host.");
        }
        Instant signedAt = signingTime(request);
        if (signedAt == null) {
            return SigV4Result.fail(Failure.INCOMPLETE_SIGNATURE, "Missing or malformed X-Amz-Date.");
        }
        if (!auth.date().equals(AMZ_DATE.format(signedAt).substring(0, 8))) {
            return SigV4Result.fail(Failure.WRONG_SCOPE, "Credential scope date does not match X-Amz-Date.");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
            return SigV4Result.fail(Failure.SIGNATURE_EXPIRED, "Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is not within " + maxSkew.toMinutes() + " minutes of " + AMZ_DATE.format(now) + ".");
        }
        for (String name : auth.signedHeaders()) {
            if (request.headers().get(name) == null) {
                return SigV4Result.fail(Failure.INCOMPLETE_SIGNATURE, "Signed header missing from request: " + name);
            }
        }
        String contentHash = contentHash(request);
        if (contentHash == null) {
            return SigV4Result.fail(Failure.BODY_HASH_MISMATCH,
                    "x-amz-content-sha256 does not match the request body or is not supported here.");
        }

        String expected = expectedSignature(request, auth, secret, signedAt, contentHash);
        byte[] expectedBytes = expected.getBytes(StandardCharsets.US_ASCII);
        byte[] givenBytes = auth.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expectedBytes, givenBytes)) {
            return SigV4Result.fail(Failure.SIGNATURE_MISMATCH, "The request signature we calculated does not match"
                    + " the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return SigV4Result.ok(principal);
    }

    private String expectedSignature(SigV4Request request, AuthorizationHeader auth, String secret, Instant signedAt,
                                     String contentHash) {
        SdkHttpRequest.Builder canonical = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("https")
                .host("localhost")
                .encodedPath(request.rawPath());
        for (String[] param : queryParameters(request.rawQuery())) {
            canonical.appendRawQueryParameter(param[0], param[1]);
        }
        for (String name : auth.signedHeaders()) {
            canonical.putHeader(name, request.headers().get(name));
        }
        boolean s3 = "s3".equals(service);
        V4CanonicalRequest canonicalRequest = new V4CanonicalRequest(canonical.build(), contentHash,
                new V4CanonicalRequest.Options(!s3, !s3));
        CredentialScope scope = new CredentialScope(auth.region(), service, signedAt);
        String stringToSign = ALGORITHM + "\n" + scope.getDatetime() + "\n" + scope.scope() + "\n"
                + SignerUtils.hashCanonicalRequest(canonicalRequest.getCanonicalRequestString());
        byte[] key = SignerUtils.deriveSigningKey(AwsCredentialsIdentity.create(auth.accessKeyId(), secret), scope);
        return HexFormat.of().formatHex(SignerUtils.computeSignature(stringToSign, key));
    }

    /** The payload hash to sign with, or null when the declared hash is wrong or a mode we refuse. */
    private String contentHash(SigV4Request request) {
        String actual = HexFormat.of().formatHex(SignerUtils.hash(request.body()));
        String declared = request.header("x-amz-content-sha256");
        if (declared == null) {
            return actual;
        }
        if (UNSIGNED_PAYLOAD.equals(declared)) {
            return allowUnsignedPayload ? declared : null;
        }
        // Streaming (aws-chunked) payloads are not accepted: our endpoints take small bodies in one piece.
        return MessageDigest.isEqual(declared.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII)) ? actual : null;
    }

    private static Instant signingTime(SigV4Request request) {
        String amzDate = request.header("X-Amz-Date");
        try {
            if (amzDate != null) {
                return Instant.from(AMZ_DATE.parse(amzDate));
            }
            String date = request.header("Date");
            return date == null ? null : Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(date));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Query parameters decoded from the wire form; the SDK re-encodes them canonically. */
    static List<String[]> queryParameters(String rawQuery) {
        List<String[]> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new String[] {percentDecode(name), percentDecode(value)});
        }
        return params;
    }

    /** Percent-decoding only: SigV4 clients encode space as %20, so a literal '+' stays a '+'. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    record AuthorizationHeader(String accessKeyId, String date, String region, String service,
                               Set<String> signedHeaders, String signature) {

        static AuthorizationHeader parse(String header) {
            String trimmed = header.trim();
            if (!trimmed.startsWith(ALGORITHM + " ")) {
                return null;
            }
            String credential = null;
            String signedHeaders = null;
            String signature = null;
            for (String part : trimmed.substring(ALGORITHM.length()).split(",")) {
                String p = part.trim();
                if (p.startsWith("Credential=")) {
                    credential = p.substring("Credential=".length());
                } else if (p.startsWith("SignedHeaders=")) {
                    signedHeaders = p.substring("SignedHeaders=".length());
                } else if (p.startsWith("Signature=")) {
                    signature = p.substring("Signature=".length());
                }
            }
            if (credential == null || signedHeaders == null || signature == null || signature.isEmpty()
                    || signedHeaders.isEmpty()) {
                return null;
            }
            String[] scope = credential.split("/");
            if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
                return null;
            }
            Set<String> names = new TreeSet<>();
            for (String name : signedHeaders.split(";")) {
                if (!name.isEmpty()) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
            return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], names, signature);
        }
    }
}

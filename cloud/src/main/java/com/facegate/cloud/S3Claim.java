package com.facegate.cloud;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Conditional writes in S3, the basis of the handlers' claims: create-if-absent ({@code If-None-Match: *}) and,
 * for a claim whose lease expired, replace-if-unchanged ({@code If-Match: <etag>}), so that of two deliveries taking
 * over the same stale claim exactly one wins. The body must carry a random token: if the SDK retried our own PUT
 * after it had in fact succeeded (response lost), S3 answers 412 to the retry, and finding the token in the object
 * tells that the claim is ours after all. The same check settles a PUT whose connection broke (a server may answer
 * 412 and close before reading the body): whatever is stored decides; when nothing is, the error goes up and the
 * delivery is retried.
 */
public final class S3Claim {
    /**
     * {@code created}: this call's object is there, {@code eTag} is its ETag; otherwise {@code existing} is the
     * other one and {@code eTag} that one's (both null if it is gone).
     */
    public record Result(boolean created, byte[] existing, String eTag) {}

    private S3Claim() {}

    public static Result create(S3Client s3, String bucket, String key, byte[] body, String token) {
        return put(s3, PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*"), body, token);
    }

    /** Replaces the claim whose ETag was {@code eTag}, unless it changed (or went) meanwhile. */
    public static Result replace(S3Client s3, String bucket, String key, String eTag, byte[] body, String token) {
        return put(s3, PutObjectRequest.builder().bucket(bucket).key(key).ifMatch(eTag), body, token);
    }

    private static Result put(S3Client s3, PutObjectRequest.Builder request, byte[] body, String token) {
        PutObjectRequest r = request.contentType("application/json").build();
        try {
            return new Result(true, null, s3.putObject(r, RequestBody.fromBytes(body)).eTag());
        } catch (S3Exception e) {
            // 409 ConditionalRequestConflict: a concurrent conditional write on the same key; 404: If-Match on a
            // claim that was released meanwhile.
            if (e.statusCode() != 412 && e.statusCode() != 409 && e.statusCode() != 404) {
                throw e;
            }
        } catch (SdkClientException e) {
            ResponseBytes<GetObjectResponse> stored = read(s3, r.bucket(), r.key());
            if (stored == null) {
                throw e;
            }
            return decide(stored, token);
        }
        ResponseBytes<GetObjectResponse> existing = read(s3, r.bucket(), r.key());
        return existing == null ? new Result(false, null, null) : decide(existing, token);
    }

    private static ResponseBytes<GetObjectResponse> read(S3Client s3, String bucket, String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static Result decide(ResponseBytes<GetObjectResponse> existing, String token) {
        byte[] bytes = existing.asByteArray();
        boolean ours = new String(bytes, StandardCharsets.UTF_8).contains(token);
        return new Result(ours, ours ? null : bytes, existing.response().eTag());
    }
}

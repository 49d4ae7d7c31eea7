package com.facegate.cloud;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Create-if-absent in S3 ({@code If-None-Match: *}), the basis of the handlers' at-most-once claims. The body must
 * carry a random token: if the SDK retried our own PUT after it had in fact succeeded (response lost), S3 answers
 * 412 to the retry, and finding the token in the object tells that the claim is ours after all. The same check
 * settles a PUT whose connection broke (a server may answer 412 and close before reading the body): whatever is
 * stored decides; when nothing is, the error goes up and the delivery is retried.
 */
public final class S3Claim {
    /** {@code created}: this call's object is there; otherwise {@code existing} is the other one (null if gone). */
    public record Result(boolean created, byte[] existing) {}

    private S3Claim() {}

    public static Result create(S3Client s3, String bucket, String key, byte[] body, String token) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("application/json"),
                    RequestBody.fromBytes(body));
            return new Result(true, null);
        } catch (S3Exception e) {
            // 409 ConditionalRequestConflict: a concurrent conditional write on the same key.
            if (e.statusCode() != 412 && e.statusCode() != 409) {
                throw e;
            }
        } catch (SdkClientException e) {
            byte[] stored = read(s3, bucket, key);
            if (stored == null) {
                throw e;
            }
            return decide(stored, token);
        }
        byte[] existing = read(s3, bucket, key);
        return existing == null ? new Result(false, null) : decide(existing, token);
    }

    private static byte[] read(S3Client s3, String bucket, String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static Result decide(byte[] existing, String token) {
        boolean ours = new String(existing, StandardCharsets.UTF_8).contains(token);
        return new Result(ours, ours ? null : existing);
    }
}

package com.facegate.gallery;

import com.facegate.protocol.DoorIds;
import com.facegate.protocol.Sanitize;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Door gallery keys kept in the FaceGate bucket at {@code door-keys/{doorId}.key} (base64 of 32 random bytes),
 * encrypted at rest by the bucket's default encryption. Only the gallery function may read that prefix; admins may
 * only write it (cloud/template.yaml). The door gets the same key in its config, never through S3.
 */
public final class S3DoorKeys implements DoorKeys {
    public static final String PREFIX = "door-keys/";

    private final S3Client s3;
    private final String bucket;

    public S3DoorKeys(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public static String objectKey(String doorId) {
        return PREFIX + DoorIds.require(doorId) + ".key";
    }

    /** The door's key; empty when none is stored. A stored key that is not 32 bytes of base64 is an error. */
    @Override
    public Optional<byte[]> existing(String doorId) {
        String text;
        try {
            text = s3.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey(doorId)))
                    .asString(StandardCharsets.US_ASCII);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("gallery key of door " + Sanitize.forLog(doorId) + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("gallery key of door " + Sanitize.forLog(doorId) + " is " + key.length
                    + " bytes, not 32");
        }
        return Optional.of(key);
    }
}

package com.facegate.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Fetches an uploaded image once, refusing anything over {@link CloudConfig#MAX_IMAGE_BYTES} without reading it,
 * and says how to hand it to Rekognition: inline bytes up to 5 MB, otherwise an S3 reference (Rekognition's limit
 * for S3 objects is 15 MB).
 */
public final class S3Images {
    /**
     * The outcome of a fetch. {@code bytes} is null unless {@code status} is OK; {@code metadata} is the object's
     * user metadata (what the door presented beside the face, see {@code CaptureMetadata}), empty when missing.
     */
    public record Fetched(Status status, byte[] bytes, String eTag, String versionId, Map<String, String> metadata) {
        public enum Status { OK, MISSING, TOO_LARGE, EMPTY }

        public Fetched {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    private final S3Client s3;

    public S3Images(S3Client s3) {
        this.s3 = s3;
    }

    /** Throws {@link SdkException} for transient S3 failures (callers decide whether to retry). */
    public Fetched fetch(String bucket, String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            GetObjectResponse r = in.response();
            Long length = r.contentLength();
            if (length != null && length > CloudConfig.MAX_IMAGE_BYTES) {
                in.abort();
                return new Fetched(Fetched.Status.TOO_LARGE, null, r.eTag(), r.versionId(), r.metadata());
            }
            byte[] bytes = readCapped(in, CloudConfig.MAX_IMAGE_BYTES);
            if (bytes == null) {
                in.abort();
                return new Fetched(Fetched.Status.TOO_LARGE, null, r.eTag(), r.versionId(), r.metadata());
            }
            if (bytes.length == 0) {
                return new Fetched(Fetched.Status.EMPTY, null, r.eTag(), r.versionId(), r.metadata());
            }
            return new Fetched(Fetched.Status.OK, bytes, r.eTag(), r.versionId(), r.metadata());
        } catch (NoSuchKeyException e) {
            return new Fetched(Fetched.Status.MISSING, null, null, null, null);
        } catch (IOException e) {
            throw SdkException.builder().message("reading image failed").cause(e).build();
        }
    }

    /** Deletes the object; deleting one that is gone is not an error (S3's own semantics). */
    public void delete(String bucket, String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** Inline bytes when small enough, else a reference to the same S3 object (and version, if any). */
    public static Image rekognitionImage(String bucket, String key, Fetched f) {
        if (f.bytes().length <= CloudConfig.MAX_INLINE_BYTES) {
            return Image.builder().bytes(SdkBytes.fromByteArray(f.bytes())).build();
        }
        return Image.builder().s3Object(o -> o.bucket(bucket).name(key).version(f.versionId())).build();
    }

    private static byte[] readCapped(InputStream in, long cap) throws IOException {
        byte[] b = in.readNBytes((int) cap + 1);
        return b.length > cap ? null : b;
    }
}

package com.facegate.local.aws.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Turns a Rekognition {@code Image} ({@code Bytes} or {@code S3Object}) into encoded image bytes, enforcing
 * Rekognition's size limits: 5 MB inline, 15 MB from S3. Nothing is kept: images are never stored.
 */
final class ImageSource {
    static final int MAX_INLINE_BYTES = 5 * 1024 * 1024;
    static final int MAX_S3_BYTES = 15 * 1024 * 1024;

    private final S3Client s3;

    ImageSource(S3Client s3) {
        this.s3 = s3;
    }

    byte[] read(Params params, String name) {
        JsonNode image = params.node(name);
        if (image == null || !image.isObject()) {
            throw RekognitionErrors.invalidParameter(name + " is required.");
        }
        JsonNode bytes = image.get("Bytes");
        JsonNode s3Object = image.get("S3Object");
        if ((bytes == null) == (s3Object == null)) {
            throw RekognitionErrors.invalidParameter(name + " needs exactly one of Bytes or S3Object.");
        }
        return bytes != null ? inline(bytes) : fromS3(s3Object);
    }

    private static byte[] inline(JsonNode bytes) {
        byte[] decoded;
        try {
            decoded = bytes.isTextual() ? bytes.binaryValue() : null;
        } catch (IOException | IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null) {
            throw RekognitionErrors.invalidParameter("Image.Bytes must be base64-encoded.");
        }
        if (decoded.length == 0) {
            throw RekognitionErrors.invalidParameter("Image.Bytes must not be empty.");
        }
        if (decoded.length > MAX_INLINE_BYTES) {
            throw RekognitionErrors.imageTooLarge("Image size is too large: " + decoded.length
                    + " bytes exceeds the 5 MB limit for Bytes.");
        }
        return decoded;
    }

    private byte[] fromS3(JsonNode s3Object) {
        String bucket = s3Object.path("Bucket").asText("");
        String key = s3Object.path("Name").asText("");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw RekognitionErrors.invalidParameter("S3Object needs Bucket and Name.");
        }
        if (s3 == null) {
            throw RekognitionErrors.invalidS3Object("S3Object images need an S3 endpoint; none is configured.");
        }
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(key);
        String version = s3Object.path("Version").asText("");
        if (!version.isEmpty()) {
            get.versionId(version);
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(get.build())) {
            Long length = in.response().contentLength();
            if (length != null && length > MAX_S3_BYTES) {
                throw RekognitionErrors.imageTooLarge("S3 object exceeds the 15 MB limit.");
            }
            byte[] data = readCapped(in, MAX_S3_BYTES);
            if (data.length == 0) {
                throw RekognitionErrors.invalidImageFormat("S3 object is empty.");
            }
            return data;
        } catch (SdkException e) {
            throw RekognitionErrors.invalidS3Object("Unable to get object metadata from S3. Check object key, region"
                    + " and/or access permissions.");
        } catch (IOException e) {
            throw RekognitionErrors.invalidS3Object("Unable to read the S3 object.");
        }
    }

    private static byte[] readCapped(InputStream in, int cap) throws IOException {
        byte[] data = in.readNBytes(cap + 1);
        if (data.length > cap) {
            throw RekognitionErrors.imageTooLarge("S3 object exceeds the 15 MB limit.");
        }
        return data;
    }
}

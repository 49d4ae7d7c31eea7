package com.facegate.local.aws.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ListObjectsV2 over {@link KeyFileNames}: the file store lists the folders the prefix can be in, the stored names
 * are decoded, and S3's rules are applied to the literal keys: prefix, any delimiter (common prefixes), order by
 * UTF-8 bytes, start-after, max-keys, and a continuation token (the last key or prefix returned, base64).
 */
final class LiteralKeyListing {
    private static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    private static final int DEFAULT_MAX_KEYS = 1000;

    private final BlobStore files;

    LiteralKeyListing(BlobStore files) {
        this.files = files;
    }

    ListObjectsV2Response list(ListObjectsV2Request r) {
        String prefix = r.prefix() == null ? "" : r.prefix();
        String delimiter = r.delimiter() == null || r.delimiter().isEmpty() ? null : r.delimiter();
        int maxKeys = r.maxKeys() == null ? DEFAULT_MAX_KEYS : Math.min(r.maxKeys(), DEFAULT_MAX_KEYS);
        if (maxKeys < 0) {
            throw LiteralKeyBlobStore.s3Error(400, "InvalidArgument", "max-keys must not be negative.");
        }
        String after = later(r.startAfter(), token(r.continuationToken()));
        List<S3Object> contents = new ArrayList<>();
        List<CommonPrefix> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        for (S3Object o : matching(r.bucket(), prefix).values()) {
            String entry = o.key();
            int cut = delimiter == null ? -1 : entry.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                entry = entry.substring(0, cut + delimiter.length());
            }
            if ((after != null && UTF8_ORDER.compare(entry, after) <= 0) || entry.equals(last)) {
                continue;
            }
            if (contents.size() + prefixes.size() >= maxKeys) {
                truncated = true;
                break;
            }
            if (cut >= 0) {
                prefixes.add(CommonPrefix.builder().prefix(entry).build());
            } else {
                contents.add(o);
            }
            last = entry;
        }
        return ListObjectsV2Response.builder().name(r.bucket()).prefix(r.prefix()).delimiter(r.delimiter())
                .maxKeys(maxKeys).keyCount(contents.size() + prefixes.size()).isTruncated(truncated)
                .contents(contents).commonPrefixes(prefixes).startAfter(r.startAfter())
                .continuationToken(r.continuationToken()).encodingType(r.encodingType())
                .nextContinuationToken(truncated ? Base64.getUrlEncoder().encodeToString(
                        last.getBytes(StandardCharsets.UTF_8)) : null)
                .build();
    }

    /** Every object whose literal key starts with the prefix, in S3's order, with its literal key. */
    private SortedMap<String, S3Object> matching(String bucket, String prefix) {
        String storedPrefix = KeyFileNames.fileNamePrefix(prefix);
        String folder = storedPrefix.substring(0, storedPrefix.lastIndexOf('/') + 1);
        TreeMap<String, S3Object> out = new TreeMap<>(UTF8_ORDER);
        String token = null;
        do {
            String page = token;
            ListObjectsV2Response got = files.list(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(folder.isEmpty() ? null : folder).continuationToken(page).build());
            for (S3Object o : got.contents()) {
                Optional<String> key = KeyFileNames.key(o.key());
                if (key.isPresent() && key.get().startsWith(prefix)) {
                    out.put(key.get(), o.toBuilder().key(key.get()).build());
                }
            }
            token = Boolean.TRUE.equals(got.isTruncated()) ? got.nextContinuationToken() : null;
        } while (token != null);
        return out;
    }

    private static String token(String continuation) {
        if (continuation == null || continuation.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(continuation), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LiteralKeyBlobStore.s3Error(400, "InvalidArgument", "The continuation token is not valid.");
        }
    }

    private static String later(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        return b == null || UTF8_ORDER.compare(a, b) >= 0 ? a : b;
    }
}

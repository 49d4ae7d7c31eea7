package com.facegate.local.aws.lambda;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Object keys as S3 writes them into event notifications: HTML-form encoding of each path segment (space is
 * {@code +}, {@code :} is {@code %3A}, UTF-8 bytes percent-encoded) with the {@code /} separators kept.
 */
public final class S3KeyEncoding {
    private S3KeyEncoding() {}

    public static String encode(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        int start = 0;
        while (true) {
            int slash = key.indexOf('/', start);
            String segment = slash < 0 ? key.substring(start) : key.substring(start, slash);
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8));
            if (slash < 0) {
                return out.toString();
            }
            out.append('/');
            start = slash + 1;
        }
    }
}

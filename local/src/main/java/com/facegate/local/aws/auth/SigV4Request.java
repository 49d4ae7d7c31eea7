package com.facegate.local.aws.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An incoming HTTP request as the SigV4 verifier needs it, independent of the HTTP server in use.
 *
 * @param method   HTTP method, e.g. {@code POST}
 * @param rawPath  the path exactly as it arrived on the wire (still percent-encoded), e.g. {@code /topics/a%2Fb}
 * @param rawQuery the query string exactly as it arrived (percent-encoded, without {@code ?}), or null/empty
 * @param headers  all request headers; names are matched case-insensitively
 * @param body     the complete request body (empty array for none)
 */
public record SigV4Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                           byte[] body) {

    public SigV4Request {
        TreeMap<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> ci.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = java.util.Collections.unmodifiableMap(ci);
        body = body == null ? new byte[0] : body;
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        method = method.toUpperCase(Locale.ROOT);
    }

    /** First value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

package com.facegate.local.http;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/**
 * One request to a local AWS REST endpoint on Jetty and its answer: the request as SigV4 sees it (raw path and
 * query, every header), the client's certificate, and AWS-style JSON responses. Exactly one of {@link #send} or
 * {@link #error} answers it.
 */
public final class JsonExchange {
    /** An endpoint's answer to each request; it blocks as it needs to (Jetty gives it a pool thread). */
    @FunctionalInterface
    public interface Handler {
        void handle(JsonExchange exchange) throws IOException;
    }

    private final Request request;
    private final Response response;
    private final Callback callback;

    public JsonExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String method() {
        return request.getMethod();
    }

    /** The path as sent, still percent-encoded (what SigV4 signs). */
    public String rawPath() {
        return request.getHttpURI().getPath();
    }

    /**
     * The path percent-decoded and nothing else ({@code ..} segments stay, as the handler must judge them); a path
     * that does not decode is returned as sent, so that it matches nothing.
     */
    public String path() {
        try {
            return URIUtil.decodePath(rawPath());
        } catch (IllegalArgumentException e) {
            return rawPath();
        }
    }

    /** The query as sent, or null. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /** The first value of a header (names are case-insensitive), or null. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Every header with all its values, as {@code SigV4Request} takes them. */
    public Map<String, List<String>> headers() {
        return headers(request);
    }

    /** Every header of a Jetty request with all its values. */
    public static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /** The body when it is at most {@code max} bytes, else null (the rest is left unread). */
    public byte[] body(int max) throws IOException {
        InputStream in = Content.Source.asInputStream(request);
        byte[] b = in.readNBytes(max + 1);
        return b.length > max ? null : b;
    }

    /** The client's certificate on a TLS connection that has one (the handshake verified its chain). */
    public Optional<X509Certificate> peerCertificate() {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls) {
            X509Certificate[] chain = tls.peerCertificates();
            return chain != null && chain.length > 0 ? Optional.of(chain[0]) : Optional.empty();
        }
        return Optional.empty();
    }

    /** An AWS error: {@code x-amzn-ErrorType} plus {@code {"message": ...}}. */
    public void error(int status, String type, String message) {
        response.getHeaders().put("x-amzn-ErrorType", type);
        try {
            send(status, MessageCodec.mapper().writeValueAsString(Map.of("message", message == null ? type : message)));
        } catch (JsonProcessingException e) {
            callback.failed(e); // not for a map of two strings; Jetty would answer 500
        }
    }

    /** A JSON answer, never cached (it may carry credentials). */
    public void send(int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }
}

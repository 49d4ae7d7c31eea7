package com.facegate.cloud;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The IoT data plane's Publish operation over HTTP ({@code POST /topics/{topic}?qos=N}), on 127.0.0.1 port 0, recording
 * what arrives so tests can read what a door would receive. {@link #failNext} makes it answer 503 to exercise the
 * publish-failure path.
 */
public final class RecordingIotEndpoint implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    /** One published message as it crossed the wire. */
    public record Published(String topic, String qos, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private HttpServer server;
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();

    private RecordingIotEndpoint() {}

    /**
     * For a test class, {@code @RegisterExtension static final RecordingIotEndpoint iot =
     * RecordingIotEndpoint.perClass();}: started before the class's {@code @BeforeAll}, stopped after its last test.
     */
    public static RecordingIotEndpoint perClass() {
        return new RecordingIotEndpoint();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/topics/", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                if (!"POST".equals(ex.getRequestMethod())) {
                    ex.sendResponseHeaders(405, -1);
                    return;
                }
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    byte[] err = "{\"message\":\"unavailable\"}".getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("x-amzn-ErrorType", "ServiceUnavailableException");
                    ex.sendResponseHeaders(503, err.length);
                    ex.getResponseBody().write(err);
                    return;
                }
                String raw = ex.getRequestURI().getRawPath().substring("/topics/".length());
                String topic = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
                String query = ex.getRequestURI().getQuery();
                String qos = query != null && query.startsWith("qos=") ? query.substring(4) : null;
                published.add(new Published(topic, qos, body));
                ex.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    public List<Published> on(String topic) {
        return published.stream().filter(p -> p.topic().equals(topic)).toList();
    }

    public void clear() {
        published.clear();
    }

    public void failNext(int n) {
        failNext.set(n);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package com.facegate.cloud;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection: an HTTP endpoint that answers every Rekognition JSON call the way the service does when it
 * throttles (HTTP 400, {@code __type: ThrottlingException}), counting attempts. Used only to test the retry bound.
 */
public final class ThrottlingRekognition implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    public ThrottlingRekognition() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                calls.incrementAndGet();
                byte[] body = "{\"__type\":\"ThrottlingException\",\"Message\":\"Rate exceeded\"}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                ex.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException");
                ex.sendResponseHeaders(400, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

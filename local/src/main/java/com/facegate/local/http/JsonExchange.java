package com.facegate.local.http;

import com.facegate.protocol.MessageCodec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the local IoT endpoints share on the JDK HTTP server: AWS-style JSON answers and a daemon worker pool. */
public final class JsonExchange {
    private static final Logger LOG = LoggerFactory.getLogger(JsonExchange.class);

    private JsonExchange() {}

    /** An AWS error: {@code x-amzn-ErrorType} plus {@code {"message": ...}}; a client gone away is not an error. */
    public static void error(HttpExchange ex, int status, String type, String message) {
        try {
            ex.getResponseHeaders().set("x-amzn-ErrorType", type);
            send(ex, status, MessageCodec.mapper().writeValueAsString(Map.of("message", message == null ? type : message)));
        } catch (IOException e) {
            LOG.debug("client went away before the error response", e);
        }
    }

    /** A JSON answer, never cached (it may carry credentials). */
    public static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] out = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    /** Gives the server a pool of {@code threads} daemon workers named {@code name-N}; returns it for shutdown. */
    public static ExecutorService workers(HttpServer server, String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        return pool;
    }
}

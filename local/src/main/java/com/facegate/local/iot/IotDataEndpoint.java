package com.facegate.local.iot;

import com.facegate.local.auth.AccessRequest;
import com.facegate.local.auth.Arns;
import com.facegate.local.auth.SigV4Request;
import com.facegate.local.auth.SigV4Result;
import com.facegate.local.auth.SigV4Verifier;
import com.facegate.protocol.Topics;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS IoT data-plane {@code Publish} operation ({@code POST /topics/{topic}?qos=}) for the local stack,
 * SigV4-signed for service {@code iotdata}. Nobody may publish to the topics doors publish on; beyond that each
 * caller's policy decides ({@code iot:Publish} on the topic's ARN: the access handler doors' {@code decision},
 * the admin their {@code commands}), as IAM does in AWS; errors come back as the IoT data plane sends them
 * ({@code x-amzn-ErrorType} header plus a JSON {@code message}).
 */
public final class IotDataEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IotDataEndpoint.class);
    /** AWS IoT's message size limit. */
    public static final int MAX_PAYLOAD = 128 * 1024;

    private final String host;
    private final int requestedPort;
    private final SSLContext sslContext;
    private final SigV4Verifier verifier;
    private final MessagePublisher publisher;
    private HttpServer server;
    private ExecutorService executor;

    public IotDataEndpoint(String host, int port, SSLContext sslContext, SigV4Verifier verifier,
            MessagePublisher publisher) {
        this.host = host;
        this.requestedPort = port;
        this.sslContext = sslContext;
        this.verifier = Objects.requireNonNull(verifier);
        this.publisher = Objects.requireNonNull(publisher);
    }

    public synchronized IotDataEndpoint start() {
        if (server != null) {
            return this;
        }
        try {
            InetSocketAddress addr = new InetSocketAddress(host, requestedPort);
            if (sslContext != null) {
                HttpsServer https = HttpsServer.create(addr, 50);
                https.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
                    @Override
                    public void configure(HttpsParameters params) {
                        SSLParameters p = getSSLContext().getDefaultSSLParameters();
                        p.setProtocols(com.facegate.local.pki.TlsContexts.PROTOCOLS);
                        params.setSSLParameters(p);
                    }
                });
                server = https;
            } else {
                server = HttpServer.create(addr, 50);
            }
        } catch (IOException e) {
            throw new IllegalStateException("IoT data endpoint cannot bind " + host + ":" + requestedPort, e);
        }
        executor = JsonExchange.workers(server, "iotdata", 4);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("IoT data-plane endpoint on {}", endpoint());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((sslContext != null ? "https://" : "http://") + h + ":" + port());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String rawPath = ex.getRequestURI().getRawPath();
            if (!rawPath.startsWith("/topics/") || rawPath.length() == "/topics/".length()) {
                JsonExchange.error(ex, 404, "ResourceNotFoundException", "No such operation");
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                JsonExchange.error(ex, 405, "MethodNotAllowedException", "Only POST is supported on /topics");
                return;
            }
            byte[] body = readBody(ex.getRequestBody());
            if (body == null) {
                JsonExchange.error(ex, 413, "RequestEntityTooLargeException", "Payload exceeds " + MAX_PAYLOAD + " bytes");
                return;
            }
            SigV4Result auth = verifier.verify(new SigV4Request(ex.getRequestMethod(), rawPath,
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body));
            if (!auth.isValid()) {
                LOG.warn("refused unsigned or badly signed IoT publish: {}", auth.errorCode());
                JsonExchange.error(ex, auth.httpStatus(), auth.errorCode(), auth.message());
                return;
            }
            String topic = percentDecode(rawPath.substring("/topics/".length()));
            Integer qos = qos(ex.getRequestURI().getRawQuery());
            if (qos == null) {
                JsonExchange.error(ex, 400, "InvalidRequestException", "qos must be 0 or 1");
                return;
            }
            var parsed = Topics.parse(topic);
            if (parsed.isEmpty() || parsed.get().kind().doorPublishes()) {
                LOG.warn("refused IoT publish to {}", topic);
                JsonExchange.error(ex, 403, "ForbiddenException", "Not authorized to publish to this topic");
                return;
            }
            AccessRequest publish = AccessRequest.of("iot:Publish", Arns.topic(verifier.region(), topic));
            if (!auth.principal().allows(publish)) {
                LOG.warn("refused IoT publish by {}: {} not allowed", auth.principal().name(), publish);
                JsonExchange.error(ex, 403, "ForbiddenException", "Not authorized to publish to this topic");
                return;
            }
            try {
                publisher.publish(topic, body, qos).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.error("broker did not take a message for {}", topic, e);
                JsonExchange.error(ex, 503, "ServiceUnavailableException", "Broker unavailable");
                return;
            }
            JsonExchange.send(ex, 200, "{}");
        } catch (RuntimeException e) {
            LOG.error("IoT data endpoint failed", e);
            JsonExchange.error(ex, 500, "InternalFailureException", "Internal failure");
        }
    }

    private static Integer qos(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return 0;
        }
        Integer qos = 0;
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if ("qos".equals(name)) {
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                qos = "0".equals(v) ? Integer.valueOf(0) : "1".equals(v) ? Integer.valueOf(1) : null;
            }
        }
        return qos;
    }

    /** RFC 3986 percent-decoding: a literal '+' stays a plus (it is not form encoding). */
    static String percentDecode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_PAYLOAD + 1);
        return b.length > MAX_PAYLOAD ? null : b;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}

package com.facegate.local.aws.iotdata;

import com.facegate.local.aws.auth.AccessRequest;
import com.facegate.local.aws.auth.Arns;
import com.facegate.local.aws.auth.SigV4Request;
import com.facegate.local.aws.auth.SigV4Result;
import com.facegate.local.aws.auth.SigV4Verifier;
import com.facegate.local.http.JettyEndpoint;
import com.facegate.local.http.JsonExchange;
import com.facegate.protocol.Failures;
import com.facegate.protocol.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.UriCompliance;
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
    private JettyEndpoint server;

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
            // The SDK sends a topic's slashes encoded (/topics/a%2Fb): this handler, not Jetty, judges the path.
            server = JettyEndpoint.builder("iotdata").host(host).port(requestedPort).tls(sslContext).maxThreads(8)
                    .uriCompliance(UriCompliance.UNSAFE).jsonHandler(this::handle).start();
        } catch (IOException e) {
            throw new IllegalStateException("IoT data endpoint cannot bind " + host + ":" + requestedPort, e);
        }
        LOG.info("IoT data-plane endpoint on {}", endpoint());
        return this;
    }

    public int port() {
        return server.port();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    private void handle(JsonExchange ex) throws IOException {
        try {
            String rawPath = ex.rawPath();
            if (!rawPath.startsWith("/topics/") || rawPath.length() == "/topics/".length()) {
                ex.error(404, "ResourceNotFoundException", "No such operation");
                return;
            }
            if (!"POST".equals(ex.method())) {
                ex.error(405, "MethodNotAllowedException", "Only POST is supported on /topics");
                return;
            }
            byte[] body = ex.body(MAX_PAYLOAD);
            if (body == null) {
                ex.error(413, "RequestEntityTooLargeException", "Payload exceeds " + MAX_PAYLOAD + " bytes");
                return;
            }
            SigV4Result auth = verifier.verify(new SigV4Request(ex.method(), rawPath,
                    ex.rawQuery(), ex.headers(), body));
            if (!auth.isValid()) {
                LOG.warn("refused unsigned or badly signed IoT publish: {}", auth.errorCode());
                ex.error(auth.httpStatus(), auth.errorCode(), auth.message());
                return;
            }
            String topic = percentDecode(rawPath.substring("/topics/".length()));
            Integer qos = qos(ex.rawQuery());
            if (qos == null) {
                ex.error(400, "InvalidRequestException", "qos must be 0 or 1");
                return;
            }
            var parsed = Topics.parse(topic);
            if (parsed.isEmpty() || parsed.get().kind().doorPublishes()) {
                LOG.warn("refused IoT publish to {}", topic);
                ex.error(403, "ForbiddenException", "Not authorized to publish to this topic");
                return;
            }
            AccessRequest publish = AccessRequest.of("iot:Publish", Arns.topic(verifier.region(), topic));
            if (!auth.principal().allows(publish)) {
                LOG.warn("refused IoT publish by {}: {} not allowed", auth.principal().name(),
                        publish.toString());
                ex.error(403, "ForbiddenException", "Not authorized to publish to this topic");
                return;
            }
            try {
                publisher.publish(topic, body, qos).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // AWS IoT answers 5xx when it could not take a message: the caller must not think it was sent.
                LOG.error("broker did not take a message for {}: {}", topic, Failures.describe(e));
                ex.error(503, "ServiceUnavailableException", "Broker unavailable");
                return;
            }
            ex.send(200, "{}");
        } catch (RuntimeException e) {
            LOG.error("IoT data endpoint failed", e);
            ex.error(500, "InternalFailureException", "Internal failure");
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

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

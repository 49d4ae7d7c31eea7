package com.facegate.local.http;

import com.facegate.local.aws.pki.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local HTTP endpoint on Jetty 12 (the server s3proxy already brings): a named pool of daemon threads, one
 * connector on {@code host:port} (plain HTTP, HTTPS, or HTTPS that requires a client certificate), one handler.
 * Every endpoint the stack serves besides S3 is built here, so TLS versions and client-certificate rules are set
 * in one place.
 */
public final class JettyEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JettyEndpoint.class);

    private final String name;
    private final Server jetty;
    private final ServerConnector connector;
    private final boolean https;

    private JettyEndpoint(Builder b) {
        this.name = b.name;
        QueuedThreadPool threads = new QueuedThreadPool(b.maxThreads, 2);
        threads.setName(b.name);
        threads.setDaemon(true); // close() stops them; one left open must not keep the JVM alive
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setUriCompliance(b.uriCompliance);
        https = b.sslContext != null;
        if (https) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(b.sslContext);
            tls.setIncludeProtocols(TlsContexts.PROTOCOLS);
            tls.setNeedClientAuth(b.clientCertificateRequired); // no certificate, no handshake (as AWS IoT)
            http.addCustomizer(new SecureRequestCustomizer(false)); // clients may dial an IP: no SNI to check
            connector = new ServerConnector(jetty, tls, new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        }
        connector.setHost(b.host);
        connector.setPort(b.port);
        jetty.addConnector(connector);
        jetty.setHandler(b.handler);
    }

    /** {@code name} names the threads and the endpoint in errors. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http(s)://host:port} (IPv6 literals bracketed), for an SDK client's endpointOverride. */
    public URI endpoint() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        host = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((https ? "https" : "http") + "://" + host + ":" + port());
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the {} endpoint failed: {}", name, e.toString());
        }
    }

    /** How the endpoint listens; {@link #start()} binds the port and returns the running endpoint. */
    public static final class Builder {
        private final String name;
        private String host = "127.0.0.1";
        private int port;
        private SSLContext sslContext;
        private boolean clientCertificateRequired;
        private int maxThreads = 16;
        private UriCompliance uriCompliance = UriCompliance.DEFAULT;
        private Handler handler;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        public Builder host(String h) {
            this.host = Objects.requireNonNull(h);
            return this;
        }

        /** 0 picks a free port; read it back with {@link JettyEndpoint#port()}. */
        public Builder port(int p) {
            this.port = p;
            return this;
        }

        /** HTTPS with this context (TLS 1.3/1.2 only); null means plain HTTP. */
        public Builder tls(SSLContext ctx) {
            this.sslContext = ctx;
            return this;
        }

        /**
         * HTTPS that refuses the handshake without a client certificate the context trusts; the handler still
         * checks revocation and identity ({@link JsonExchange#peerCertificate}).
         */
        public Builder mutualTls(SSLContext ctx) {
            this.sslContext = Objects.requireNonNull(ctx);
            this.clientCertificateRequired = true;
            return this;
        }

        /** Threads for connections and handlers together (Jetty keeps two for accepting and selecting). */
        public Builder maxThreads(int n) {
            this.maxThreads = n;
            return this;
        }

        /**
         * What request paths Jetty lets through to the handler (default: Jetty's). An AWS REST path carries
         * encoded slashes and may be empty between them ({@code /topics/a%2Fb}); a handler that parses the raw
         * path itself relaxes this so that it, not Jetty, answers such requests.
         */
        public Builder uriCompliance(UriCompliance compliance) {
            this.uriCompliance = Objects.requireNonNull(compliance);
            return this;
        }

        /** Answers every request as one {@link JsonExchange}. */
        public Builder jsonHandler(JsonExchange.Handler h) {
            Objects.requireNonNull(h);
            return handler((request, response, callback) -> {
                h.handle(new JsonExchange(request, response, callback));
                return true;
            });
        }

        /** Answers every request; a handler that blocks (reads the body, waits for the broker) may. */
        public Builder handler(Request.Handler h) {
            Objects.requireNonNull(h);
            this.handler = h instanceof Handler jettyHandler ? jettyHandler : new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    return h.handle(request, response, callback);
                }
            };
            return this;
        }

        public JettyEndpoint start() throws IOException {
            Objects.requireNonNull(handler, "handler");
            JettyEndpoint endpoint = new JettyEndpoint(this);
            try {
                endpoint.jetty.start();
            } catch (Exception e) {
                endpoint.close();
                throw new IOException("Cannot start the " + name + " endpoint on " + host + ":" + port, e);
            }
            return endpoint;
        }
    }
}

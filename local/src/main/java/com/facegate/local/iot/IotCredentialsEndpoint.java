package com.facegate.local.iot;

import com.facegate.local.auth.Principal;
import com.facegate.local.mqtt.CertificateIdentity;
import com.facegate.local.pki.TlsContexts;
import com.facegate.protocol.MessageCodec;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS IoT credentials provider for the local stack:
 * {@code GET /role-aliases/{roleAlias}/credentials} over HTTPS with a client certificate REQUIRED (issued by the
 * local CA, not revoked), header {@code x-amzn-iot-thingname} equal to the certificate's door id, answering
 * {@code {"credentials":{"accessKeyId","secretAccessKey","sessionToken","expiration"}}}.
 *
 * <p>Each answer is a fresh set of temporary credentials bound to the certificate's door (the issuer scopes them as
 * the role alias's role: the door's own captures prefix and gallery), valid for the alias's duration. Before
 * issuing, this endpoint checks what the door can get wrong: certificate, revocation, thing name and role alias.
 */
public final class IotCredentialsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IotCredentialsEndpoint.class);
    private static final String PREFIX = "/role-aliases/";
    private static final String SUFFIX = "/credentials";

    private final String host;
    private final int requestedPort;
    private final SSLContext sslContext;
    private final Set<String> roleAliases;
    private final BiFunction<String, Duration, Principal> issuer;
    private final Duration duration;
    private final Predicate<BigInteger> revoked;
    private HttpsServer server;
    private ExecutorService executor;

    /**
     * @param sslContext server certificate plus trust in the local CA for client certificates
     *                   ({@link TlsContexts#mutualServerContext})
     * @param issuer     door id and lifetime to that door's temporary credentials
     * @param revoked    true for serials the local CA revoked
     */
    public IotCredentialsEndpoint(String host, int port, SSLContext sslContext, Set<String> roleAliases,
            BiFunction<String, Duration, Principal> issuer, Duration duration, Predicate<BigInteger> revoked) {
        this.host = Objects.requireNonNull(host);
        this.requestedPort = port;
        this.sslContext = Objects.requireNonNull(sslContext);
        this.roleAliases = Set.copyOf(roleAliases);
        this.issuer = Objects.requireNonNull(issuer);
        this.duration = Objects.requireNonNull(duration);
        this.revoked = Objects.requireNonNull(revoked);
    }

    public synchronized IotCredentialsEndpoint start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpsServer.create(new InetSocketAddress(host, requestedPort), 50);
        } catch (IOException e) {
            throw new IllegalStateException("IoT credentials endpoint cannot bind " + host + ":" + requestedPort, e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setProtocols(TlsContexts.PROTOCOLS);
                p.setNeedClientAuth(true); // no certificate, no handshake (as AWS)
                params.setSSLParameters(p);
            }
        });
        executor = JsonExchange.workers(server, "iotcredentials", 2);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("IoT credentials provider endpoint on {} (role aliases {})", endpoint(), roleAliases);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("https://" + h + ":" + port());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
                JsonExchange.error(ex, 404, "ResourceNotFoundException", "No such resource");
                return;
            }
            if (!"GET".equals(ex.getRequestMethod())) {
                JsonExchange.error(ex, 405, "MethodNotAllowedException", "Only GET is supported");
                return;
            }
            Optional<X509Certificate> cert = peerCertificate(ex);
            if (cert.isEmpty()) {
                refuse(ex, 403, "no client certificate", null);
                return;
            }
            if (revoked.test(cert.get().getSerialNumber())) {
                refuse(ex, 403, "certificate revoked", null);
                return;
            }
            String door = CertificateIdentity.doorId(cert.get()).orElse(null);
            String thing = ex.getRequestHeaders().getFirst("x-amzn-iot-thingname");
            if (door == null || thing == null || !door.equals(thing)) {
                refuse(ex, 403, "thing name " + (thing == null ? "missing" : thing)
                        + " does not match the certificate", door);
                return;
            }
            String alias = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
            if (!roleAliases.contains(alias)) {
                // AWS answers an unknown role alias with 404, before revealing anything about roles.
                LOG.warn("refused IoT credentials for door {}: unknown role alias {}", door, alias);
                JsonExchange.error(ex, 404, "ResourceNotFoundException", "Role alias does not exist");
                return;
            }
            Principal issued = issuer.apply(door, duration);
            Map<String, String> c = new LinkedHashMap<>();
            c.put("accessKeyId", issued.accessKeyId());
            c.put("secretAccessKey", issued.secretAccessKey());
            c.put("sessionToken", issued.sessionToken());
            c.put("expiration", issued.expiresAt().toString());
            LOG.debug("issued temporary credentials to door {} until {}", door, issued.expiresAt());
            JsonExchange.send(ex, 200, MessageCodec.mapper().writeValueAsString(Map.of("credentials", c)));
        } catch (RuntimeException e) {
            LOG.error("IoT credentials endpoint failed", e);
            JsonExchange.error(ex, 500, "InternalFailureException", "Internal failure");
        }
    }

    private static Optional<X509Certificate> peerCertificate(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange https)) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = https.getSSLSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static void refuse(HttpExchange ex, int status, String why, String door) {
        LOG.warn("refused IoT credentials{}: {}", door == null ? "" : " for door " + door, why);
        JsonExchange.error(ex, status, "ForbiddenException", "Access Denied");
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

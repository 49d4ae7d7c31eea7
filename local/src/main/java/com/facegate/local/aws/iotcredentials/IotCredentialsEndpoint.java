package com.facegate.local.aws.iotcredentials;

import com.facegate.local.aws.auth.Principal;
import com.facegate.local.aws.mqtt.CertificateIdentity;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.http.JettyEndpoint;
import com.facegate.local.http.JsonExchange;
import com.facegate.protocol.MessageCodec;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.UriCompliance;
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
    private JettyEndpoint server;

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
            // No certificate, no handshake (as AWS); paths Jetty would refuse get this endpoint's 404.
            server = JettyEndpoint.builder("iotcredentials").host(host).port(requestedPort).mutualTls(sslContext)
                    .maxThreads(8).uriCompliance(UriCompliance.UNSAFE).jsonHandler(this::handle).start();
        } catch (IOException e) {
            throw new IllegalStateException("IoT credentials endpoint cannot bind " + host + ":" + requestedPort, e);
        }
        LOG.info("IoT credentials provider endpoint on {} (role aliases {})", endpoint(), roleAliases);
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
            String path = ex.path();
            if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                    || path.length() <= PREFIX.length() + SUFFIX.length()) {
                ex.error(404, "ResourceNotFoundException", "No such resource");
                return;
            }
            if (!"GET".equals(ex.method())) {
                ex.error(405, "MethodNotAllowedException", "Only GET is supported");
                return;
            }
            Optional<X509Certificate> cert = ex.peerCertificate();
            if (cert.isEmpty()) {
                refuse(ex, 403, "no client certificate", null);
                return;
            }
            if (revoked.test(cert.get().getSerialNumber())) {
                refuse(ex, 403, "certificate revoked", null);
                return;
            }
            String door = CertificateIdentity.doorId(cert.get()).orElse(null);
            String thing = ex.header("x-amzn-iot-thingname");
            if (door == null || thing == null || !door.equals(thing)) {
                refuse(ex, 403, "thing name " + (thing == null ? "missing" : thing)
                        + " does not match the certificate", door);
                return;
            }
            String alias = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
            if (!roleAliases.contains(alias)) {
                // AWS answers an unknown role alias with 404, before revealing anything about roles.
                LOG.warn("refused IoT credentials for door {}: unknown role alias {}", door,
                        alias);
                ex.error(404, "ResourceNotFoundException", "Role alias does not exist");
                return;
            }
            Principal issued = issuer.apply(door, duration);
            Map<String, String> c = new LinkedHashMap<>();
            c.put("accessKeyId", issued.accessKeyId());
            c.put("secretAccessKey", issued.secretAccessKey());
            c.put("sessionToken", issued.sessionToken());
            c.put("expiration", issued.expiresAt().toString());
            LOG.debug("issued temporary credentials to door {} until {}", door, issued.expiresAt());
            ex.send(200, MessageCodec.mapper().writeValueAsString(Map.of("credentials", c)));
        } catch (RuntimeException e) {
            LOG.error("IoT credentials endpoint failed", e);
            ex.error(500, "InternalFailureException", "Internal failure");
        }
    }

    private static void refuse(JsonExchange ex, int status, String why, String door) {
        LOG.warn("refused IoT credentials{}: {}", door == null ? "" : " for door " + door, why);
        ex.error(status, "ForbiddenException", "Access Denied");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}

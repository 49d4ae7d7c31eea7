package com.facegate.console;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.Pem;
import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.local.aws.pki.TlsContexts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The console's HTTPS: its own server certificate, signed by the local CA ({@code <data>/pki}, the one the local
 * endpoints' certificates come from), for loopback, the bind address and this machine's host name; issued afresh
 * at each start into {@code <state>/tls/} (key 0600). Browsers trust it once the CA certificate is imported.
 */
final class ConsoleTls {
    private ConsoleTls() {}

    /** Issues the certificate and returns the server's TLS context. */
    static SSLContext serverContext(Path caDir, Path stateDir, String bindHost) {
        LocalCa ca = LocalCa.openOrCreate(caDir);
        KeyPair pair = LocalCa.newKeyPair();
        X509Certificate cert = ca.issueServerCertificate(pair.getPublic(), hostNames(bindHost));
        Path dir = SecureFiles.privateDirectory(stateDir.resolve("tls"));
        Path crt = dir.resolve("console.crt");
        Path key = dir.resolve("console.key");
        SecureFiles.writeSecret(key, Pem.privateKey(pair.getPrivate()));
        SecureFiles.writePublic(crt, Pem.certificate(cert));
        return TlsContexts.serverContext(new LocalCa.ServerCredentials(crt, key, ca.certificatePath()));
    }

    static Set<String> hostNames(String bindHost) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        if (bindHost != null && !bindHost.isBlank() && !bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            hosts.add(bindHost);
        }
        try {
            InetAddress self = InetAddress.getLocalHost();
            hosts.add(self.getHostName());
        } catch (UnknownHostException e) {
            // No resolvable host name: the certificate names loopback and the bind address only.
        }
        return hosts;
    }

    /** A TLS-only connector (TLS 1.3/1.2) on host:port; no plain HTTP listener is opened beside it. */
    static ServerConnector connector(Server server, HttpConfiguration http, SSLContext context, String host,
            int port) {
        http.addCustomizer(new SecureRequestCustomizer());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        ssl.setIncludeProtocols(TlsContexts.PROTOCOLS);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        c.setHost(host);
        c.setPort(port);
        return c;
    }
}

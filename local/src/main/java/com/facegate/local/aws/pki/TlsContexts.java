package com.facegate.local.aws.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Key stores, trust managers and SSL contexts built from the PEM files the local CA writes. */
public final class TlsContexts {
    /** The only protocol versions any local endpoint speaks. */
    @SuppressWarnings("MutablePublicArray") // handed as is to Jetty's setIncludeProtocols; nothing writes it
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {}

    /** A PKCS#12 key store holding one key entry ({@code alias}) with its certificate chain (leaf, then CA). */
    public static KeyStore keyStore(Path certPem, Path keyPem, Path caPem, char[] password) {
        try {
            List<Certificate> chain = new ArrayList<>(Pem.readCertificates(certPem));
            if (caPem != null) {
                chain.addAll(Pem.readCertificates(caPem));
            }
            PrivateKey key = Pem.readPrivateKey(keyPem);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", key, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build key store", e);
        }
    }

    /** A PKCS#12 trust store with the CA certificate(s) in {@code caPem}. */
    public static KeyStore trustStore(Path caPem) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.readCertificates(caPem)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build trust store", e);
        }
    }

    public static TrustManager[] trustManagers(Path caPem) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(caPem));
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build trust managers", e);
        }
    }

    public static KeyManager[] keyManagers(Path certPem, Path keyPem, Path caPem) {
        char[] pw = "key".toCharArray();
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(certPem, keyPem, caPem, pw), pw);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build key managers", e);
        }
    }

    /** A server context presenting the local server certificate; trusts no client (HTTPS endpoints). */
    public static SSLContext serverContext(LocalCa.ServerCredentials server) {
        return context(keyManagers(server.certificate(), server.privateKey(), server.caCertificate()), null);
    }

    /**
     * A server context presenting the local server certificate and trusting client certificates issued by the
     * local CA only (mutual TLS; the endpoint still has to require them and check revocation).
     */
    public static SSLContext mutualServerContext(LocalCa.ServerCredentials server, Path clientCaPem) {
        return context(keyManagers(server.certificate(), server.privateKey(), server.caCertificate()),
                trustManagers(clientCaPem));
    }

    /** A client context trusting only the local CA, optionally presenting a client certificate. */
    public static SSLContext clientContext(Path caPem, Path certPem, Path keyPem) {
        KeyManager[] km = certPem == null ? null : keyManagers(certPem, keyPem, null);
        return context(km, trustManagers(caPem));
    }

    private static SSLContext context(KeyManager[] km, TrustManager[] tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(km, tm, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot build SSL context", e);
        }
    }

    /** Writes a key/trust store as PKCS#12 (0600: it may hold a private key). */
    public static void writePkcs12(KeyStore ks, Path file, char[] password) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            SecureFiles.writeSecret(file, out.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot write " + file.getFileName(), e);
        }
    }
}

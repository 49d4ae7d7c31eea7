package com.facegate.local.aws.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/** PEM files as OpenSSL, aws-crt (s2n) and the AWS IoT console write them: X.509 certificates and PKCS#8 keys. */
public final class Pem {
    private Pem() {}

    public static String certificate(X509Certificate cert) {
        return write(cert);
    }

    /** Unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), the form every TLS stack here reads. */
    public static String privateKey(PrivateKey key) {
        try {
            PemObject pkcs8 = new JcaPKCS8Generator(key, null).generate();
            return write(pkcs8);
        } catch (IOException e) {
            throw new PkiException("cannot encode private key", e);
        }
    }

    private static String write(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new PkiException("cannot write PEM", e);
        }
        return out.toString();
    }

    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o;
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(conv.getCertificate(h));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new PkiException("cannot read certificates from " + file.getFileName(), e);
        }
        if (certs.isEmpty()) {
            throw new PkiException("no certificate in " + file.getFileName());
        }
        return certs;
    }

    public static X509Certificate readCertificate(Path file) {
        return readCertificates(file).get(0);
    }

    /** Reads a PKCS#8 or traditional (SEC1/PKCS#1) unencrypted private key. */
    public static PrivateKey readPrivateKey(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return conv.getKeyPair(pair).getPrivate();
            }
            throw new PkiException("no unencrypted private key in " + file.getFileName());
        } catch (IOException e) {
            throw new PkiException("cannot read private key " + file.getFileName(), e);
        }
    }
}

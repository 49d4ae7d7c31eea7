package com.facegate.local.aws.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's certificate authority: one EC P-256 CA under {@code <data>/pki}, made on first use, which
 * signs door client certificates (CN = door id, like an IoT thing certificate) and the server certificate of
 * the local endpoints.
 */
public final class LocalCa {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCa.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3653);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(397);
    /** Servers re-issue their certificate this long before it expires. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String SIG_ALG = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Revocations revocations;

    private LocalCa(Path dir, X509Certificate certificate, PrivateKey key) {
        this.dir = dir;
        this.certificate = certificate;
        this.key = key;
        this.revocations = new Revocations(dir, this);
    }

    /** Opens the CA under {@code pkiDir}, creating it (and the folder, owner-only) on first use. */
    public static synchronized LocalCa openOrCreate(Path pkiDir) {
        SecureFiles.privateDirectory(pkiDir);
        Path crt = pkiDir.resolve("ca.crt");
        Path keyFile = pkiDir.resolve("ca.key");
        if (Files.exists(crt) && Files.exists(keyFile)) {
            return new LocalCa(pkiDir, Pem.readCertificate(crt), Pem.readPrivateKey(keyFile));
        }
        KeyPair pair = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "FaceGate local stack")
                .addRDN(BCStyle.CN, "FaceGate local CA " + Long.toHexString(RANDOM.nextLong() & 0xffffffL))
                .build();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), name,
                    pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(b, pair.getPrivate());
            // Key first: a crash between the two writes leaves no half CA that later looks complete.
            SecureFiles.writeSecret(keyFile, Pem.privateKey(pair.getPrivate()));
            SecureFiles.writePublic(crt, Pem.certificate(cert));
            LOG.info("created local CA in {}", pkiDir);
            return new LocalCa(pkiDir, cert, pair.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot create local CA", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public Path certificatePath() {
        return dir.resolve("ca.crt");
    }

    public Path directory() {
        return dir;
    }

    public Revocations revocations() {
        return revocations;
    }

    PrivateKey signingKey() {
        return key;
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("EC P-256 not available", e);
        }
    }

    /** A door (MQTT client) certificate: CN = door id, clientAuth only. */
    public X509Certificate issueDoorCertificate(String doorId, PublicKey doorKey, Duration validity) {
        if (validity.compareTo(Duration.ofDays(1)) < 0 || validity.compareTo(Duration.ofDays(800)) > 0) {
            throw new IllegalArgumentException("door certificate validity must be 1..800 days");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "FaceGate door")
                .addRDN(BCStyle.CN, doorId)
                .build();
        return issue(subject, doorKey, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /** A TLS server certificate for the local endpoints, valid for loopback plus the given names/addresses. */
    public X509Certificate issueServerCertificate(PublicKey serverKey, Set<String> hostNames) {
        List<GeneralName> sans = new ArrayList<>();
        for (String host : hostNames) {
            sans.add(generalName(host));
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "FaceGate local stack")
                .addRDN(BCStyle.CN, "localhost")
                .build();
        return issue(subject, serverKey, SERVER_VALIDITY, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(sans.toArray(new GeneralName[0])));
    }

    /**
     * The server key pair under {@code <pki>/server.crt|key}, re-issued when missing, near expiry, or when it does
     * not name every requested host.
     */
    public synchronized ServerCredentials serverCredentials(Set<String> extraHosts) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        for (String h : extraHosts) {
            if (h != null && !h.isBlank() && !h.equals("0.0.0.0") && !h.equals("::")) {
                hosts.add(h);
            }
        }
        Path crt = dir.resolve("server.crt");
        Path keyFile = dir.resolve("server.key");
        if (Files.exists(crt) && Files.exists(keyFile)) {
            X509Certificate existing = Pem.readCertificate(crt);
            if (stillGood(existing, hosts)) {
                return new ServerCredentials(crt, keyFile, certificatePath());
            }
        }
        KeyPair pair = newKeyPair();
        X509Certificate cert = issueServerCertificate(pair.getPublic(), hosts);
        SecureFiles.writeSecret(keyFile, Pem.privateKey(pair.getPrivate()));
        SecureFiles.writePublic(crt, Pem.certificate(cert));
        LOG.info("issued local server certificate for {}", hosts);
        return new ServerCredentials(crt, keyFile, certificatePath());
    }

    private boolean stillGood(X509Certificate cert, Set<String> hosts) {
        try {
            cert.verify(certificate.getPublicKey());
            if (cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                return false;
            }
            Set<String> names = new LinkedHashSet<>();
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    names.add(normalise(String.valueOf(san.get(1))));
                }
            }
            for (String h : hosts) {
                if (!names.contains(normalise(h))) {
                    return false;
                }
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String normalise(String host) {
        if (isIpLiteral(host)) {
            try {
                return InetAddress.getByName(host).getHostAddress();
            } catch (UnknownHostException e) {
                return host;
            }
        }
        return host.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static GeneralName generalName(String host) {
        return isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
                : new GeneralName(GeneralName.dNSName, host);
    }

    private X509Certificate issue(X500Name subject, PublicKey pub, Duration validity, KeyPurposeId eku,
            GeneralNames sans) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, pub);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pub));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (sans != null) {
                b.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return sign(b, key);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("cannot issue certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(SIG_ALG).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Random positive 127-bit serial: unpredictable, as CAB rules ask, and unique without a counter file. */
    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(120);
    }

    /** Where a server's PEM certificate, key and the trusted CA live. */
    public record ServerCredentials(Path certificate, Path privateKey, Path caCertificate) {}
}

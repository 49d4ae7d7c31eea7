package com.facegate.device.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A mutual-TLS client context from the door's PEM files, with the JDK only: the certificate (chain), the private
 * key as PKCS#8 ({@code BEGIN PRIVATE KEY}, the local CA's form), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what
 * {@code aws iot create-keys-and-certificate} writes) or SEC1 ({@code BEGIN EC PRIVATE KEY}), and the CA(s) to
 * trust, and nothing else (not the JDK's public roots). Error messages name files, never key material.
 */
public final class PemTls {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    /** AlgorithmIdentifier rsaEncryption, NULL parameters. */
    private static final byte[] RSA_ALG = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
            0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID 1.2.840.10045.2.1 id-ecPublicKey. */
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemTls() {}

    /** TLS client context presenting {@code cert}/{@code key} and trusting only the certificates in {@code ca}. */
    public static SSLContext clientContext(Path cert, Path key, Path ca) {
        try {
            List<Certificate> chain = certificates(cert);
            PrivateKey privateKey = privateKey(key);
            char[] pw = "door".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("door", privateKey, pw, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);

            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (Certificate c : certificates(ca)) {
                ts.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the door's TLS identity from " + cert + ", " + key + ", "
                    + ca + ": " + e.getClass().getSimpleName(), e);
        }
    }

    static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<Certificate> certs = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
            return certs;
        }
    }

    /** The first private key in {@code pem}: PKCS#8, PKCS#1 RSA or SEC1 EC; encrypted keys are refused. */
    public static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        Matcher m = BLOCK.matcher(Files.readString(pem, StandardCharsets.US_ASCII));
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "RSA PRIVATE KEY":
                    return KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(pkcs8Of(RSA_ALG, der)));
                case "EC PRIVATE KEY":
                    return KeyFactory.getInstance("EC").generatePrivate(
                            new PKCS8EncodedKeySpec(pkcs8Of(tlv(0x30, concat(EC_OID, sec1Curve(der))), der)));
                default:
                    throw new GeneralSecurityException("unsupported private key type '" + type + "' in " + pem
                            + " (encrypted keys are not supported)");
            }
        }
        throw new GeneralSecurityException("no private key in " + pem);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported PKCS#8 key algorithm", last);
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] pkcs8Of(byte[] algorithm, byte[] key) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    /**
     * The named-curve OID (a full TLV) from SEC1 ECPrivateKey ::= SEQUENCE { version, key, [0] curve, [1] pub }.
     * OpenSSL always writes the curve; without it, the key length names the NIST curve (P-256, P-384, P-521).
     */
    private static byte[] sec1Curve(byte[] der) throws GeneralSecurityException {
        int[] pos = {0};
        expect(der, pos, 0x30);
        readLength(der, pos);
        int keyLength = -1;
        while (pos[0] < der.length) {
            int tag = der[pos[0]] & 0xff;
            expect(der, pos, tag);
            int len = readLength(der, pos);
            if (tag == 0x04) {
                keyLength = len;
            } else if (tag == 0xa0) {
                byte[] oid = new byte[len];
                System.arraycopy(der, pos[0], oid, 0, len);
                if (oid.length > 2 && oid[0] == 0x06) {
                    return oid;
                }
            }
            pos[0] += len;
        }
        switch (keyLength) {
            case 32: // 1.2.840.10045.3.1.7 secp256r1
                return new byte[] {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
            case 48: // 1.3.132.0.34 secp384r1
                return new byte[] {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x22};
            case 65:
            case 66: // 1.3.132.0.35 secp521r1
                return new byte[] {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x23};
            default:
                throw new GeneralSecurityException("EC private key without a named curve");
        }
    }

    private static void expect(byte[] der, int[] pos, int tag) throws GeneralSecurityException {
        if (pos[0] >= der.length || (der[pos[0]] & 0xff) != tag) {
            throw new GeneralSecurityException("malformed DER");
        }
        pos[0]++;
    }

    private static int readLength(byte[] der, int[] pos) throws GeneralSecurityException {
        if (pos[0] >= der.length) {
            throw new GeneralSecurityException("malformed DER");
        }
        int b = der[pos[0]++] & 0xff;
        if (b < 0x80) {
            return b;
        }
        int n = b & 0x7f;
        if (n == 0 || n > 3 || pos[0] + n > der.length) {
            throw new GeneralSecurityException("malformed DER");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xff);
        }
        if (pos[0] + len > der.length) {
            throw new GeneralSecurityException("malformed DER");
        }
        return len;
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

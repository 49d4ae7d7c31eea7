package com.facegate.local.aws.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Revoked door certificates: a denylist of serials ({@code <pki>/revoked.txt}, one "serialHex doorId time" a
 * line) that the broker checks on every connect, mirrored in a CRL ({@code <pki>/ca.crl}) for other TLS tools.
 */
public final class Revocations {
    private final Path denylist;
    private final Path crl;
    private final LocalCa ca;
    private Set<BigInteger> cached = Set.of();
    private FileTime cachedTime;

    Revocations(Path pkiDir, LocalCa ca) {
        this.denylist = pkiDir.resolve("revoked.txt");
        this.crl = pkiDir.resolve("ca.crl");
        this.ca = ca;
    }

    public Path denylistPath() {
        return denylist;
    }

    public Path crlPath() {
        return crl;
    }

    public synchronized void revoke(X509Certificate cert, String doorId) {
        BigInteger serial = cert.getSerialNumber();
        if (isRevoked(serial)) {
            return;
        }
        String line = serial.toString(16) + " " + doorId.replace(' ', '_') + " " + Instant.now() + "\n";
        String existing = readText();
        SecureFiles.write(denylist, (existing + line).getBytes(StandardCharsets.UTF_8), false);
        cachedTime = null;
        writeCrl();
    }

    /** True when the serial is on the denylist; re-reads the file only when it changed. */
    public synchronized boolean isRevoked(BigInteger serial) {
        return serials().contains(serial);
    }

    private Set<BigInteger> serials() {
        try {
            FileTime t = Files.getLastModifiedTime(denylist);
            if (!t.equals(cachedTime)) {
                Set<BigInteger> s = new HashSet<>();
                for (String line : Files.readAllLines(denylist, StandardCharsets.UTF_8)) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        s.add(new BigInteger(trimmed.split("\\s+")[0], 16));
                    }
                }
                cached = Set.copyOf(s);
                cachedTime = t;
            }
            return cached;
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + denylist, e);
        }
    }

    private String readText() {
        try {
            return Files.exists(denylist) ? Files.readString(denylist, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCrl() {
        Instant now = Instant.now();
        X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
        for (BigInteger serial : List.copyOf(serials())) {
            b.addCRLEntry(serial, Date.from(now), CRLReason.superseded);
        }
        try {
            var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.signingKey()));
            java.io.StringWriter out = new java.io.StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(holder);
            }
            SecureFiles.writePublic(crl, out.toString());
        } catch (OperatorCreationException | IOException e) {
            throw new PkiException("cannot write CRL", e);
        }
    }
}

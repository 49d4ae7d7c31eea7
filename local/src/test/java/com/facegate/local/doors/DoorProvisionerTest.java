package com.facegate.local.doors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.Pem;
import com.facegate.local.stack.LocalCredentials;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoorProvisionerTest {
    @TempDir
    Path data;

    private DoorProvisioner provisioner(LocalCa ca) {
        return new DoorProvisioner(ca, data.resolve("doors"),
                () -> new DoorSettings("localhost", 8883, "https://localhost:9440", "b", "eu-west-1",
                        "https://localhost:9443", "facegate-door-upload-local"));
    }

    @Test
    void caIsMadeOnceAndReopened() throws Exception {
        LocalCa first = LocalCa.openOrCreate(data.resolve("pki"));
        LocalCa again = LocalCa.openOrCreate(data.resolve("pki"));
        assertThat(again.certificate()).isEqualTo(first.certificate());
        X509Certificate c = first.certificate();
        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3600)));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("pki/ca.key")))).isEqualTo("rw-------");
    }

    @Test
    void doorCertificateNamesTheDoorForClientAuthOnly() throws Exception {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        DoorBundle b = provisioner(ca).provision("front-door-01");
        X509Certificate cert = Pem.readCertificate(b.certificate());
        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=front-door-01");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        long days = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
        assertThat(days).isBetween(364L, 731L);
        // The key in the bundle belongs to the certificate.
        var sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initSign(Pem.readPrivateKey(b.privateKey()));
        sig.update(new byte[] {1, 2, 3});
        byte[] s = sig.sign();
        sig.initVerify(cert.getPublicKey());
        sig.update(new byte[] {1, 2, 3});
        assertThat(sig.verify(s)).isTrue();
        assertThat(Files.readString(b.caCertificate())).isEqualTo(Files.readString(ca.certificatePath()));
    }

    @Test
    void serverCertificateCoversLoopbackNamesForServerAuth() throws Exception {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        LocalCa.ServerCredentials s = ca.serverCredentials(Set.of("door-hub.local"));
        X509Certificate cert = Pem.readCertificate(s.certificate());
        List<String> names = cert.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList();
        assertThat(names).contains("localhost", "127.0.0.1", "door-hub.local");
        assertThat(names).anyMatch(n -> n.startsWith("0:0:0:0:0:0:0:1"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        // Reused while still good, re-issued when a new name is asked for.
        assertThat(ca.serverCredentials(Set.of("door-hub.local")).certificate()).exists();
        assertThat(Pem.readCertificate(s.certificate())).isEqualTo(cert);
        ca.serverCredentials(Set.of("other.local"));
        assertThat(Pem.readCertificate(s.certificate())).isNotEqualTo(cert);
    }

    @Test
    void invalidDoorIdsAreRefused() {
        DoorProvisioner p = provisioner(LocalCa.openOrCreate(data.resolve("pki")));
        for (String bad : new String[] {"", "a/b", "door+", "#", "../etc", "door ", " door", "x\ny"}) {
            assertThatThrownBy(() -> p.provision(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(data.resolve("doors")).doesNotExist();
    }

    @Test
    void reprovisioningNeedsRotateAndRevokesTheOldCertificate() throws Exception {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        DoorProvisioner p = provisioner(ca);
        DoorBundle first = p.provision("door-1");
        assertThatThrownBy(() -> p.provision("door-1")).isInstanceOf(IllegalStateException.class);
        assertThat(ca.revocations().isRevoked(first.serial())).isFalse();
        DoorBundle second = p.provision("door-1", true);
        assertThat(second.serial()).isNotEqualTo(first.serial());
        assertThat(ca.revocations().isRevoked(first.serial())).isTrue();
        assertThat(ca.revocations().isRevoked(second.serial())).isFalse();
        X509CRL crl;
        try (var in = Files.newInputStream(ca.revocations().crlPath())) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getRevokedCertificate(first.serial())).isNotNull();
        // A fresh CA object (as after a restart) still sees the denylist.
        assertThat(LocalCa.openOrCreate(data.resolve("pki")).revocations().isRevoked(first.serial())).isTrue();
    }

    @Test
    void localCredentialsAreGeneratedOnceAndKeptPrivate() throws Exception {
        Path f = data.resolve("credentials.properties");
        LocalCredentials a = LocalCredentials.loadOrCreate(f);
        LocalCredentials b = LocalCredentials.loadOrCreate(f);
        assertThat(b).isEqualTo(a);
        assertThat(a.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(a.secretAccessKey()).hasSize(40);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        assertThat(LocalCredentials.loadOrCreate(data.resolve("other.properties"))).isNotEqualTo(a);
    }

    @Test
    void givenGalleryKeys_whenDoorIsProvisionedAndRotated_thenItsBundleCarriesTheKeyThatOpensItsGallery()
            throws Exception {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        GalleryKeys keys = new GalleryKeys(data.resolve("doors"));
        DoorProvisioner p = new DoorProvisioner(ca, data.resolve("doors"),
                () -> new DoorSettings("localhost", 8883, "https://localhost:9440", "b", "eu-west-1", "AK", "SK"),
                keys::keyBase64);

        DoorBundle b = p.provision("front-door-01");

        String bundleKey = bundleProperties(b).getProperty("offline.galleryKeyBase64");
        assertThat(bundleKey).isEqualTo(keys.keyBase64("front-door-01"));
        assertThat(Base64.getDecoder().decode(bundleKey)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b.properties()))).isEqualTo("rw-------");
        // What the gallery publisher writes for this door (it encrypts with GalleryKeys#existing) opens with it.
        Gallery g = new Gallery("front-door-01", Instant.now(), 2, Map.of("B1", List.of(new float[] {0.6f, 0.8f})));
        byte[] published = GalleryCodec.encrypt(g, keys.existing("front-door-01").orElseThrow());
        assertThat(GalleryCodec.decrypt(published, Base64.getDecoder().decode(bundleKey), "front-door-01").badges())
                .containsKey("B1");
        // Another door gets another key; rotating a door's certificate keeps its gallery key.
        assertThat(bundleProperties(p.provision("back-door-02")).getProperty("offline.galleryKeyBase64"))
                .isNotEqualTo(bundleKey);
        assertThat(bundleProperties(p.provision("front-door-01", true)).getProperty("offline.galleryKeyBase64"))
                .isEqualTo(bundleKey);
    }

    @Test
    void givenNoGalleryKeys_whenDoorIsProvisioned_thenTheBundleHasNoGalleryKey() throws Exception {
        DoorBundle b = provisioner(LocalCa.openOrCreate(data.resolve("pki"))).provision("front-door-01");
        assertThat(bundleProperties(b).getProperty("offline.galleryKeyBase64")).isNull();
    }

    private static Properties bundleProperties(DoorBundle b) throws Exception {
        Properties props = new Properties();
        try (var r = Files.newBufferedReader(b.properties())) {
            props.load(r);
        }
        return props;
    }
}

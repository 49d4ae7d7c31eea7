package com.facegate.local.doors;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.Pem;
import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.protocol.DoorIds;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions doors the way {@code aws iot create-keys-and-certificate} plus a config bundle would: a fresh
 * key pair, a certificate naming the door, the CA to trust and the endpoints, under
 * {@code <data>/doors/<doorId>/}.
 */
public final class DoorProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(DoorProvisioner.class);
    public static final Duration DOOR_CERT_VALIDITY = Duration.ofDays(365);

    private final LocalCa ca;
    private final Path doorsDir;
    private final Supplier<DoorSettings> settings;
    private final Function<String, String> galleryKeyBase64;
    private final String pinPublicKeyBase64;

    /** A provisioner whose bundles carry no offline gallery key (the door can only use offline.policy=DENY_ALL). */
    public DoorProvisioner(LocalCa ca, Path doorsDir, Supplier<DoorSettings> settings) {
        this(ca, doorsDir, settings, null);
    }

    /**
     * @param galleryKeyBase64 the door's offline-gallery key (base64), made if missing: the same key the gallery
     *                         publisher encrypts that door's gallery with ({@code GalleryKeys::keyBase64}); it goes
     *                         into the bundle's door.properties as {@code offline.galleryKeyBase64}
     */
    public DoorProvisioner(LocalCa ca, Path doorsDir, Supplier<DoorSettings> settings,
                           Function<String, String> galleryKeyBase64) {
        this(ca, doorsDir, settings, galleryKeyBase64, null);
    }

    /**
     * @param pinPublicKeyBase64 the cloud's PIN public key (X.509 DER, base64) the doors seal PINs with, written as
     *                           {@code keypad.pinPublicKeyBase64}; null: the doors send no PIN
     */
    public DoorProvisioner(LocalCa ca, Path doorsDir, Supplier<DoorSettings> settings,
                           Function<String, String> galleryKeyBase64, String pinPublicKeyBase64) {
        this.pinPublicKeyBase64 = pinPublicKeyBase64;
        this.ca = ca;
        this.doorsDir = doorsDir;
        this.settings = settings;
        this.galleryKeyBase64 = galleryKeyBase64;
    }

    /** Provisions a new door; refuses a door that already has a bundle (use {@code provision(id, true)}). */
    public DoorBundle provision(String doorId) {
        return provision(doorId, false);
    }

    /**
     * Provisions {@code doorId}. With {@code rotate} an existing door gets a new key and certificate and its old
     * certificate is revoked (the broker refuses it from then on); without it an existing door is an error, so
     * a typo cannot silently replace a working door's identity.
     */
    public synchronized DoorBundle provision(String doorId, boolean rotate) {
        DoorIds.require(doorId);
        Path dir = doorsDir.resolve(doorId);
        Path crt = dir.resolve("door.crt");
        Path key = dir.resolve("door.key");
        if (Files.exists(crt)) {
            if (!rotate) {
                throw new IllegalStateException("door " + doorId
                        + " is already provisioned; rotate to replace its certificate");
            }
            ca.revocations().revoke(Pem.readCertificate(crt), doorId);
            LOG.info("revoked the previous certificate of door {}", doorId);
        }
        SecureFiles.privateDirectory(dir);
        KeyPair pair = LocalCa.newKeyPair();
        X509Certificate cert = ca.issueDoorCertificate(doorId, pair.getPublic(), DOOR_CERT_VALIDITY);
        SecureFiles.writeSecret(key, Pem.privateKey(pair.getPrivate()));
        SecureFiles.writePublic(crt, Pem.certificate(cert));
        Path caCopy = dir.resolve("ca.crt");
        SecureFiles.writePublic(caCopy, Pem.certificate(ca.certificate()));
        Path props = dir.resolve("door.properties");
        SecureFiles.writeSecret(props, properties(doorId, dir));
        LOG.info("provisioned door {} (certificate serial {})", doorId, cert.getSerialNumber().toString(16));
        return new DoorBundle(doorId, dir, crt, key, caCopy, props, cert.getSerialNumber());
    }

    /**
     * Points every provisioned bundle at the ports the stack listens on now (hosts, keys and certificates stay):
     * a stack on free ports gets new ones at each start. Returns the doors whose bundle changed.
     */
    public synchronized java.util.List<String> refreshPorts() {
        return BundlePorts.refresh(doorsDir, settings.get());
    }

    /** The bundle of an already provisioned door, if any. */
    public java.util.Optional<DoorBundle> existing(String doorId) {
        DoorIds.require(doorId);
        Path dir = doorsDir.resolve(doorId);
        Path crt = dir.resolve("door.crt");
        if (!Files.exists(crt)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new DoorBundle(doorId, dir, crt, dir.resolve("door.key"), dir.resolve("ca.crt"),
                dir.resolve("door.properties"), Pem.readCertificate(crt).getSerialNumber()));
    }

    /** Only keys the door's config loader reads (it warns about any other; the client id is the door id). */
    private String properties(String doorId, Path dir) {
        DoorSettings s = settings.get();
        Properties p = new Properties();
        p.setProperty("door.id", doorId);
        p.setProperty("mqtt.host", s.mqttHost());
        p.setProperty("mqtt.port", Integer.toString(s.mqttPort()));
        p.setProperty("mqtt.certificate", dir.resolve("door.crt").toAbsolutePath().toString());
        p.setProperty("mqtt.privateKey", dir.resolve("door.key").toAbsolutePath().toString());
        p.setProperty("ca.path", dir.resolve("ca.crt").toAbsolutePath().toString());
        p.setProperty("s3.endpoint", s.s3Endpoint());
        p.setProperty("s3.bucket", s.bucket());
        p.setProperty("region", s.region());
        // No S3 keys in the bundle: the door exchanges its certificate for short-lived ones (AWS IoT credentials
        // provider, or the local stack's twin of it).
        p.setProperty("s3.credentials", "iot");
        p.setProperty("s3.credentialsEndpoint", s.credentialsEndpoint());
        p.setProperty("s3.roleAlias", s.roleAlias());
        if (galleryKeyBase64 != null) {
            p.setProperty("offline.galleryKeyBase64", galleryKeyBase64.apply(doorId));
        }
        if (pinPublicKeyBase64 != null) {
            p.setProperty("keypad.pinPublicKeyBase64", pinPublicKeyBase64);
        }
        StringWriter out = new StringWriter();
        try {
            p.store(out, "FaceGate door bundle (local stack); keep secret: holds the offline gallery key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

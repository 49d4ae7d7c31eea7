package com.facegate.local.doors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.access.factors.PinOpener;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.protocol.PinSeal;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinKeysTest {
    @TempDir
    Path data;

    @Test
    void keyIsMadeOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        PinKeys first = PinKeys.openOrCreate(data.resolve("pin-key.pem"));
        PinKeys again = PinKeys.openOrCreate(data.resolve("pin-key.pem"));
        assertThat(again.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKeyFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(first.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void bundleCarriesThePublicKeyAndWhatADoorSealsTheCloudOpens() throws Exception {
        PinKeys keys = PinKeys.openOrCreate(data.resolve("pin-key.pem"));
        DoorProvisioner provisioner = new DoorProvisioner(LocalCa.openOrCreate(data.resolve("pki")),
                data.resolve("doors"), () -> new DoorSettings("localhost", 8883, "https://localhost:9440", "b",
                        "eu-west-1", "https://localhost:9443", "facegate-door-upload-local"),
                null, keys.publicKeyBase64());
        DoorBundle bundle = provisioner.provision("front-door-01");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(bundle.properties())) {
            p.load(in);
        }
        String published = p.getProperty("keypad.pinPublicKeyBase64");
        assertThat(published).isEqualTo(keys.publicKeyBase64());
        PublicKey doorKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(published)));

        String sealed = PinSeal.seal(doorKey, "front-door-01", "cap-1", "4711".toCharArray(), Instant.EPOCH);
        byte[] plain = PinOpener.forKey(keys.privateKeyFile().toString(), id -> {
            throw new AssertionError("no KMS locally");
        }).open(Base64.getDecoder().decode(sealed));
        PinSeal.Opened opened = PinSeal.read(plain, "front-door-01", "cap-1");
        assertThat(opened.digits()).containsExactly('4', '7', '1', '1');
    }

    @Test
    void aDamagedKeyFileIsRefusedNamingTheFileNotReplaced() throws Exception {
        Path file = data.resolve("pin-key.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PinKeys.openOrCreate(file)).hasMessageContaining("pin-key.pem")
                .hasMessageContaining("PKCS#8");
        assertThat(Files.readString(file)).contains("not base64 at all!");
    }
}

package com.facegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.doors.PinKeys;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./facegate provision-door}: the bundle carries the PIN key's public half doors seal PINs with. */
class ProvisionDoorCommandTest {
    @TempDir
    Path dir;

    private int provision(String... args) {
        return new CommandLine(new FaceGate()).execute(args);
    }

    private String bundledPinKey(String door) throws Exception {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("data/doors").resolve(door).resolve("door.properties"))) {
            p.load(in);
        }
        return p.getProperty("keypad.pinPublicKeyBase64");
    }

    private static byte[] rsaPublicDer(int bits) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(bits);
        return rsa.generateKeyPair().getPublic().getEncoded();
    }

    @Test
    void withoutAKeyFileTheBundleCarriesTheLocalStacksPinKey() throws Exception {
        Path data = dir.resolve("data");

        assertThat(provision("provision-door", "lab-door-02", "--data", data.toString())).isZero();

        assertThat(bundledPinKey("lab-door-02"))
                .isEqualTo(PinKeys.openOrCreate(data.resolve("pin-key.pem")).publicKeyBase64());
    }

    @Test
    void givenTheKmsPublicKeyAsPemOrAsAwsCliPrintsIt_thenTheBundleCarriesThatKey() throws Exception {
        byte[] der = rsaPublicDer(2048);
        String b64 = Base64.getEncoder().encodeToString(der);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Path pem = Files.writeString(dir.resolve("pin-key.pub.pem"), "-----BEGIN PUBLIC KEY-----\n" + body
                + "\n-----END PUBLIC KEY-----\n");
        Path cliText = Files.writeString(dir.resolve("pin-key.b64"), b64 + "\n");
        String data = dir.resolve("data").toString();

        assertThat(provision("provision-door", "door-pem", "--data", data, "--pin-public-key", pem.toString()))
                .isZero();
        assertThat(provision("provision-door", "door-b64", "--data", data, "--pin-public-key", cliText.toString()))
                .isZero();

        assertThat(bundledPinKey("door-pem")).isEqualTo(b64);
        assertThat(bundledPinKey("door-b64")).isEqualTo(b64);
    }

    @Test
    void givenAFileThatIsNoUsableRsaKey_thenNoDoorIsMade() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pub"), "-----BEGIN PUBLIC KEY-----\nnope\n");
        Path small = Files.writeString(dir.resolve("small.pub"),
                Base64.getEncoder().encodeToString(rsaPublicDer(1024)));
        String data = dir.resolve("data").toString();

        assertThat(provision("provision-door", "door-junk", "--data", data, "--pin-public-key", junk.toString()))
                .isNotZero();
        assertThat(provision("provision-door", "door-small", "--data", data, "--pin-public-key", small.toString()))
                .isNotZero();

        assertThat(dir.resolve("data/doors/door-junk")).doesNotExist();
        assertThat(dir.resolve("data/doors/door-small")).doesNotExist();
    }
}

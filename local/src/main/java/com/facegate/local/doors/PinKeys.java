package com.facegate.local.doors;

import com.facegate.local.aws.pki.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The local stack's PIN key (AWS: the KMS PinKey): an RSA-2048 pair made on first start and kept, private half
 * owner-only as a PKCS#8 PEM the access handler opens sealed PINs with ({@code FACEGATE_PIN_KEY}); the public half
 * goes into every door bundle ({@code keypad.pinPublicKeyBase64}) so doors seal PINs for the cloud alone.
 */
public final class PinKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private final Path file;
    private final String publicBase64;

    private PinKeys(Path file, String publicBase64) {
        this.file = file;
        this.publicBase64 = publicBase64;
    }

    /** The key pair in {@code file}, made there (mode 0600) if it is missing. */
    public static PinKeys openOrCreate(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded());
                SecureFiles.writeSecret(file, BEGIN + "\n" + body + "\n" + END + "\n");
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replace(BEGIN, "").replace(END, "").replaceAll("\\s", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("the PIN key holds no public half: " + file.getFileName());
            }
            byte[] pub = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()))
                    .getEncoded();
            return new PinKeys(file, Base64.getEncoder().encodeToString(pub));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PIN key " + file.getFileName(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not a PKCS#8 PEM RSA private key: " + file.getFileName(), e);
        }
    }

    /** The private key's file, for {@code FACEGATE_PIN_KEY}. */
    public Path privateKeyFile() {
        return file;
    }

    /** The public key, X.509 SubjectPublicKeyInfo DER in base64, for the door bundles. */
    public String publicKeyBase64() {
        return publicBase64;
    }
}

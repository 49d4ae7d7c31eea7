package com.facegate.local.doors;

import com.facegate.cloud.access.factors.PinOpener;
import com.facegate.local.aws.pki.Pem;
import com.facegate.local.aws.pki.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local stack's PIN key (AWS: the KMS PinKey): an RSA-2048 pair made on first start and kept, private half
 * owner-only as a PKCS#8 PEM the access handler opens sealed PINs with ({@code FACEGATE_PIN_KEY}); the public half
 * goes into every door bundle ({@code keypad.pinPublicKeyBase64}) so doors seal PINs for the cloud alone. The file
 * is read back by the access handler's own reader ({@link PinOpener#readPem}), so a key the stack made is one the
 * handler can open with.
 */
public final class PinKeys {
    /** The KMS PinKey is RSA_2048; PinSeal's OAEP-SHA-256 needs no less. */
    private static final int MIN_BITS = 2048;
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
                SecureFiles.writeSecret(file, Pem.privateKey(gen.generateKeyPair().getPrivate()));
            }
            PrivateKey key = PinOpener.readPem(file);
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("the PIN key holds no public half: " + file.getFileName());
            }
            byte[] pub = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())).getEncoded();
            return new PinKeys(file, Base64.getEncoder().encodeToString(pub));
        } catch (IOException e) {
            // readPem's message names the file and what is wrong with it.
            throw new UncheckedIOException("cannot read the PIN key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the PIN key's public half: " + file.getFileName(), e);
        }
    }

    /**
     * The public half of a PIN key kept elsewhere (AWS: the KMS PinKey), from {@code file}: a PEM
     * {@code -----BEGIN PUBLIC KEY-----}, or the base64 DER {@code aws kms get-public-key --output text} prints.
     * Returns it as base64 X.509 DER for {@code keypad.pinPublicKeyBase64}; anything but an RSA key of at least
     * 2048 bits is refused naming the file.
     */
    public static String publicKeyBase64(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PIN public key " + file.getFileName(), e);
        }
        String body = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MIN_BITS) {
                throw new IllegalArgumentException("not an RSA key of " + MIN_BITS + " bits or more");
            }
            return Base64.getEncoder().encodeToString(der);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not an RSA public key (PEM BEGIN PUBLIC KEY,"
                    + " or base64 DER as aws kms get-public-key prints it)", e);
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

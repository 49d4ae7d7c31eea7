package com.facegate.cloud.access.factors;

import com.facegate.protocol.PinSeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * Opens a PIN the door sealed ({@link PinSeal}): the private half of the key whose public half each door gets at
 * provisioning. Locally an RSA key file in the stack's data folder; in AWS a KMS asymmetric key that only the access
 * function may {@code kms:Decrypt} with ({@link KmsPinOpener}). An opener returns the plaintext, or throws
 * {@link BadSealException} naming what was wrong (never what was inside).
 */
@FunctionalInterface
public interface PinOpener {
    byte[] open(byte[] sealed);

    /** A seal that cannot be opened: not ours, corrupt, or no key configured. */
    final class BadSealException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadSealException(String problem) {
            super(problem);
        }
    }

    /** No key configured: every sealed PIN is refused (and so is every mode that needs one). */
    static PinOpener none() {
        return sealed -> {
            throw new BadSealException("no PIN key configured in the cloud");
        };
    }

    /** RSA-OAEP-SHA-256 with a private key held by this process. */
    static PinOpener rsa(PrivateKey key) {
        return sealed -> {
            try {
                Cipher rsa = Cipher.getInstance(PinSeal.TRANSFORMATION);
                rsa.init(Cipher.DECRYPT_MODE, key, PinSeal.OAEP);
                return rsa.doFinal(sealed);
            } catch (GeneralSecurityException e) {
                throw new BadSealException("sealed PIN does not open with the cloud's key");
            }
        };
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA private key. */
    static PrivateKey readPem(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not a PKCS#8 PEM RSA private key: " + file.getFileName(), e);
        }
    }

    /**
     * The opener a {@code FACEGATE_PIN_KEY} names ({@code CloudConfig#pinKey}): {@code kms:<id>}, a PEM file, or
     * none when empty. A file that cannot be read fails the handler's start (a broken key is a deploy error).
     */
    static PinOpener forKey(String pinKey, KmsPinOpener.Factory kms) {
        if (pinKey == null || pinKey.isBlank()) {
            return none();
        }
        if (pinKey.startsWith("kms:")) {
            return kms.create(pinKey.substring(4));
        }
        try {
            return rsa(readPem(Path.of(pinKey)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the PIN key: " + e.getMessage(), e);
        }
    }
}

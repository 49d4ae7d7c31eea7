package com.facegate.local.doors;

import com.facegate.cloud.access.factors.PinOpener;
import com.facegate.local.aws.pki.Pem;
import com.facegate.local.aws.pki.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The local stack's PIN key (AWS: the KMS PinKey): an RSA-2048 pair made on first start and kept, private half
 * owner-only as a PKCS#8 PEM the access handler opens sealed PINs with ({@code FACEGATE_PIN_KEY}); the public half
 * goes into every door bundle ({@code keypad.pinPublicKeyBase64}) so doors seal PINs for the cloud alone. The file
 * is read back by the access handler's own reader ({@link PinOpener#readPem}), so a key the stack made is one the
 * handler can open with.
 */
public final class PinKeys {
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

    /** The private key's file, for {@code FACEGATE_PIN_KEY}. */
    public Path privateKeyFile() {
        return file;
    }

    /** The public key, X.509 SubjectPublicKeyInfo DER in base64, for the door bundles. */
    public String publicKeyBase64() {
        return publicBase64;
    }
}

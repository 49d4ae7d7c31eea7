package com.facegate.local.stack;

import com.facegate.local.pki.SecureFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;

/**
 * The local stack's one access key (S3, Rekognition, IoT data plane): generated randomly on first start and kept
 * owner-only in {@code <data>/credentials.properties}, so no secret ever lives in the repository.
 */
public record LocalCredentials(String accessKeyId, String secretAccessKey) {
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    @Override
    public String toString() {
        return "LocalCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }

    public Map<String, String> asMap() {
        return Map.of(accessKeyId, secretAccessKey);
    }

    public static LocalCredentials loadOrCreate(Path file) {
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            String id = p.getProperty("aws_access_key_id");
            String secret = p.getProperty("aws_secret_access_key");
            if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
                throw new IllegalStateException(file + " lacks aws_access_key_id / aws_secret_access_key");
            }
            return new LocalCredentials(id.strip(), secret.strip());
        }
        SecureRandom random = new SecureRandom();
        LocalCredentials c = new LocalCredentials("AKIALOCAL" + pick(random, KEY_ALPHABET, 11),
                pick(random, SECRET_ALPHABET, 40));
        Properties p = new Properties();
        p.setProperty("aws_access_key_id", c.accessKeyId());
        p.setProperty("aws_secret_access_key", c.secretAccessKey());
        StringWriter out = new StringWriter();
        try {
            p.store(out, "FaceGate local stack credentials (generated; keep private)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SecureFiles.writeSecret(file, out.toString());
        return c;
    }

    private static String pick(SecureRandom random, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}

package com.facegate.local.stack;

import com.facegate.local.aws.pki.SecureFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * A long-term access key of the local stack (S3, Rekognition, IoT data plane): the admin's in
 * {@code <data>/credentials.properties}, each handler role's in {@code <data>/role-credentials.properties}.
 * Generated randomly on first start and kept owner-only, so no secret ever lives in the repository.
 */
public record LocalCredentials(String accessKeyId, String secretAccessKey) {
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    @Override
    public String toString() {
        return "LocalCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }

    /** The admin's key. */
    public static LocalCredentials loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return read(load(file), "", file);
        }
        LocalCredentials c = generate();
        Properties p = new Properties();
        c.store(p, "");
        store(file, p, "FaceGate local stack credentials (generated; keep private)");
        return c;
    }

    /** One key per handler role, those missing from the file generated and added. */
    public static Map<LocalRole, LocalCredentials> loadOrCreateRoles(Path file) {
        Properties p = Files.exists(file) ? load(file) : new Properties();
        Map<LocalRole, LocalCredentials> keys = new EnumMap<>(LocalRole.class);
        boolean added = false;
        for (LocalRole role : LocalRole.values()) {
            String prefix = role.id() + ".";
            if (p.getProperty(prefix + "aws_access_key_id") == null) {
                generate().store(p, prefix);
                added = true;
            }
            keys.put(role, read(p, prefix, file));
        }
        if (added) {
            store(file, p, "FaceGate local stack: the cloud handlers' role keys (generated; keep private)");
        }
        return keys;
    }

    private static LocalCredentials generate() {
        SecureRandom random = new SecureRandom();
        return new LocalCredentials("AKIALOCAL" + pick(random, KEY_ALPHABET, 11), pick(random, SECRET_ALPHABET, 40));
    }

    private void store(Properties p, String prefix) {
        p.setProperty(prefix + "aws_access_key_id", accessKeyId);
        p.setProperty(prefix + "aws_secret_access_key", secretAccessKey);
    }

    private static LocalCredentials read(Properties p, String prefix, Path file) {
        String id = p.getProperty(prefix + "aws_access_key_id");
        String secret = p.getProperty(prefix + "aws_secret_access_key");
        if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
            throw new IllegalStateException(file + " lacks " + prefix + "aws_access_key_id / " + prefix
                    + "aws_secret_access_key");
        }
        return new LocalCredentials(id.strip(), secret.strip());
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }

    private static void store(Path file, Properties p, String comment) {
        StringWriter out = new StringWriter();
        try {
            p.store(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SecureFiles.writeSecret(file, out.toString());
    }

    private static String pick(SecureRandom random, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}

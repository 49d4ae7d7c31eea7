package com.facegate.cloud.registry;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id hashes of PINs (BouncyCastle) in the PHC format {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, at
 * OWASP minimum costs (19 MiB, t=2); the console hashes its passwords with it too. A PIN has few digits, so a stolen
 * hash falls to an offline search in hours whatever the cost: the lock-out after a few wrong PINs is what protects
 * it online, and the hash keeps it out of sight and off a quick lookup table.
 */
public final class Argon2id {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int LANES = 1;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Argon2id() {}

    public static String hash(char[] secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] out = derive(secret, salt, MEMORY_KIB, ITERATIONS, LANES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /** True when {@code secret} matches {@code encoded}; false for a null or malformed hash (never throws). */
    public static boolean verify(char[] secret, String encoded) {
        if (encoded == null) {
            return false;
        }
        try {
            String[] parts = encoded.split("\\$");
            if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
                return false;
            }
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                int v = Integer.parseInt(kv.substring(2));
                switch (kv.charAt(0)) {
                    case 'm' -> m = v;
                    case 't' -> t = v;
                    case 'p' -> p = v;
                    default -> {
                        return false;
                    }
                }
            }
            // Bounds, so that a tampered document cannot make one check take minutes or gigabytes.
            if (m < 8 || m > 256 * 1024 || t < 1 || t > 10 || p < 1 || p > 4) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[4]);
            byte[] expected = Base64.getDecoder().decode(parts[5]);
            return MessageDigest.isEqual(expected, derive(secret, salt, m, t, p));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** True when {@code encoded} has the shape of a hash this class writes (checked when a document is read). */
    public static boolean looksLikeHash(String encoded) {
        return encoded != null && encoded.startsWith("$argon2id$v=19$") && encoded.split("\\$").length == 6;
    }

    private static byte[] derive(char[] secret, byte[] salt, int memoryKib, int iterations, int lanes) {
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes).withSalt(salt).build());
        byte[] out = new byte[HASH_BYTES];
        gen.generateBytes(secret, out); // UTF-8 of the chars, with no String of the secret on the heap
        return out;
    }
}

package com.facegate.console.auth;

import com.facegate.cloud.registry.Argon2id;
import java.security.SecureRandom;

/**
 * Console passwords: Argon2id hashes in the PHC string format, the cloud's {@link Argon2id} (one implementation for
 * PINs and passwords; its cost bounds also keep a tampered accounts file from making one check take minutes).
 */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Passwords() {}

    public static String hash(String password) {
        return Argon2id.hash(password.toCharArray());
    }

    /** True when {@code password} matches {@code encoded}; false for any malformed hash (never throws on input). */
    public static boolean verify(String password, String encoded) {
        return Argon2id.verify(password.toCharArray(), encoded);
    }

    /** A random password of {@code length} characters (about 5.8 bits each). */
    public static String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}

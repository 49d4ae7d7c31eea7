package com.facegate.cloud.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Card numbers as the registry keeps them: by reference (SHA-256 of the normalised number, 32 hex digits), so
 * that a bucket listing, an audit record or a log line never shows a card number. A card number is an identifier,
 * not a secret (Wiegand sends it in clear), so the reference only keeps it out of sight; it is no protection against
 * someone who tries every number of a 26-bit format.
 */
public final class Cards {
    public static final String PREFIX = Registry.PREFIX + "cards/";
    public static final int MAX_LENGTH = 32;
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z]{1," + MAX_LENGTH + "}");
    private static final Pattern REF = Pattern.compile("[0-9a-f]{32}");

    private Cards() {}

    /** What is wrong with a card number as presented (metadata, admin input), or empty when it is one. */
    public static Optional<String> problem(String number) {
        if (number == null || number.isEmpty()) {
            return Optional.of("card number is empty");
        }
        if (number.length() > MAX_LENGTH) {
            return Optional.of("card number longer than " + MAX_LENGTH + " characters");
        }
        return NUMBER.matcher(number).matches() ? Optional.empty()
                : Optional.of("card number has characters other than letters and digits");
    }

    public static String ref(String number) {
        problem(number).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(number.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(h).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isRef(String ref) {
        return REF.matcher(ref).matches();
    }

    public static String key(String cardRef) {
        return PREFIX + cardRef + ".json";
    }
}

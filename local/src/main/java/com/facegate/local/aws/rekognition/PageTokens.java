package com.facegate.local.aws.rekognition;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque NextToken values: the last key of the page, bound to the operation and collection, MAC'd with a key made
 * at server start. A token that was altered, made up, or issued for another listing is
 * InvalidPaginationTokenException. Tokens do not survive a restart (clients start the listing again).
 */
final class PageTokens {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private final byte[] key = new byte[32];

    PageTokens() {
        new SecureRandom().nextBytes(key);
    }

    String issue(String listing, String lastKey) {
        byte[] payload = lastKey.getBytes(StandardCharsets.UTF_8);
        return ENC.encodeToString(payload) + "." + ENC.encodeToString(mac(listing, payload));
    }

    /** The last key the token was issued for; null token means first page. */
    String resume(String listing, String token) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        try {
            if (dot <= 0 || token.length() > 2048) {
                throw new IllegalArgumentException();
            }
            byte[] payload = DEC.decode(token.substring(0, dot));
            byte[] tag = DEC.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(tag, mac(listing, payload))) {
                throw new IllegalArgumentException();
            }
            return new String(payload, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RekognitionErrors.invalidPaginationToken();
        }
    }

    private byte[] mac(String listing, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(listing.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

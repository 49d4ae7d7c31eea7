package com.facegate.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * A PIN sealed by the door for the cloud alone ({@link CaptureMetadata#PIN_SEALED}): RSA-OAEP with SHA-256 (and
 * MGF1-SHA-256, which is what KMS's {@code RSAES_OAEP_SHA_256} means; Java's default MGF1 would be SHA-1) over
 * {@code version, SHA-256(doorId \n captureId), sealedAt, digits}. The hash binds the seal to one capture of one
 * door, so a seal copied onto another capture opens to a binding the cloud refuses; {@code sealedAt} lets the cloud
 * refuse an old one. The plaintext stays small (RSA-2048 OAEP-SHA-256 takes at most 190 bytes) whatever the ids'
 * length, and the base64 text (344 characters) fits S3's 2 KB of user metadata.
 */
public final class PinSeal {
    /** The padding both ends must use. */
    public static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);
    public static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";
    public static final int MIN_DIGITS = 4;
    public static final int MAX_DIGITS = 12;
    private static final byte VERSION = 1;
    private static final int HASH_BYTES = 32;

    /** What an opened seal says: when it was sealed, and the PIN's digits (the caller clears them after use). */
    public record Opened(Instant sealedAt, char[] digits) {
        public void clear() {
            Arrays.fill(digits, '\0');
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Opened p && sealedAt.equals(p.sealedAt) && Arrays.equals(digits, p.digits);
        }

        @Override
        public int hashCode() {
            return sealedAt.hashCode();
        }

        @Override
        public String toString() {
            return "Opened[****, sealedAt=" + sealedAt + "]";
        }
    }

    private PinSeal() {}

    /** Seals {@code digits} for this door's capture; base64 text for the capture's metadata. */
    public static String seal(PublicKey cloudKey, String doorId, String captureId, char[] digits, Instant sealedAt) {
        if (!validDigits(digits)) {
            throw new IllegalArgumentException("a PIN is " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
        byte[] plain = ByteBuffer.allocate(1 + HASH_BYTES + Long.BYTES + 1 + digits.length).put(VERSION)
                .put(binding(doorId, captureId)).putLong(sealedAt.toEpochMilli()).put((byte) digits.length).array();
        int at = plain.length - digits.length;
        for (int i = 0; i < digits.length; i++) {
            plain[at + i] = (byte) digits[i];
        }
        try {
            Cipher rsa = Cipher.getInstance(TRANSFORMATION);
            rsa.init(Cipher.ENCRYPT_MODE, cloudKey, OAEP);
            return Base64.getEncoder().encodeToString(rsa.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a PIN with this key: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Reads an opened (decrypted) seal for the capture being decided. Throws IllegalArgumentException naming what
     * is wrong (never the digits) when it is not a seal or is bound to another door or capture.
     */
    public static Opened read(byte[] plain, String doorId, String captureId) {
        try {
            int fixed = 1 + HASH_BYTES + Long.BYTES + 1;
            if (plain.length < fixed || plain[0] != VERSION) {
                throw new IllegalArgumentException("not a version " + VERSION + " sealed PIN");
            }
            byte[] bound = Arrays.copyOfRange(plain, 1, 1 + HASH_BYTES);
            if (!MessageDigest.isEqual(bound, binding(doorId, captureId))) {
                throw new IllegalArgumentException("sealed for another door or capture");
            }
            ByteBuffer rest = ByteBuffer.wrap(plain, 1 + HASH_BYTES, Long.BYTES + 1);
            Instant sealedAt = Instant.ofEpochMilli(rest.getLong());
            int n = rest.get() & 0xff;
            if (plain.length != fixed + n) {
                throw new IllegalArgumentException("sealed PIN length does not add up");
            }
            char[] digits = new char[n];
            for (int i = 0; i < n; i++) {
                digits[i] = (char) plain[fixed + i];
            }
            if (!validDigits(digits)) {
                Arrays.fill(digits, '\0');
                throw new IllegalArgumentException("sealed PIN is not " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
            }
            return new Opened(sealedAt, digits);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    public static boolean validDigits(char[] digits) {
        if (digits == null || digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
            return false;
        }
        for (char c : digits) {
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] binding(String doorId, String captureId) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((doorId + "\n" + captureId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

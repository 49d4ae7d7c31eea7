package com.facegate.local.aws.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * S3 object keys ↔ relative file names under the bucket folder, one to one, so that every key S3 accepts is stored
 * under its literal name and no key can name a file outside its bucket or another key's file. s3proxy's file
 * store resolves a key as a path, so {@code a/../b} and {@code a//b} were folded into {@code b} and {@code a/b}.
 *
 * <p>Each {@code /}-separated segment keeps {@code [A-Za-z0-9-_.~:+,=@]} and percent-encodes every other UTF-8
 * byte; a leading {@code .} is encoded too (so {@code .}, {@code ..} and s3proxy's own {@code .mpus-} names never
 * occur), an empty segment is {@code %_}. A segment longer than {@link #CHUNK} characters once encoded is split
 * over nested folders named {@code <part>%+} (file names are limited to 255 bytes). The object's own file name
 * ends in {@code %}, so the object {@code a} and the objects under {@code a/} do not compete for one name. A
 * {@code %} followed by anything but two hex digits never comes out of the encoding, which keeps the markers
 * unambiguous.
 */
public final class KeyFileNames {
    /** S3's limit: longer keys get KeyTooLongError. */
    public static final int MAX_KEY_BYTES = 1024;
    /** The mark ending an object's file name. */
    public static final String OBJECT_MARK = "%";
    static final int CHUNK = 200;
    private static final String EMPTY = "%_";
    private static final String CONTINUED = "%+";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyFileNames() {}

    /** The relative file name of a key already checked by {@link #problem}. */
    public static String fileName(String key) {
        return encode(key, true);
    }

    /**
     * The stored-name prefix every object whose key starts with {@code keyPrefix} has. Encoding is byte-wise, so
     * it preserves prefixes; only the object mark is left off.
     */
    public static String fileNamePrefix(String keyPrefix) {
        return keyPrefix.isEmpty() ? "" : encode(keyPrefix, false);
    }

    private static String encode(String key, boolean object) {
        StringBuilder out = new StringBuilder(key.length() + 8);
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String seg = encodeSegment(segments[i], !object && last);
            int start = 0;
            for (; seg.length() - start > CHUNK; start += CHUNK) {
                out.append(seg, start, start + CHUNK).append(CONTINUED).append('/');
            }
            out.append(seg, start, seg.length());
            out.append(last ? (object ? OBJECT_MARK : "") : "/");
        }
        return out.toString();
    }

    /** A partial last segment of a prefix is encoded as such: its empty form is "" (it may still grow). */
    private static String encodeSegment(String segment, boolean partial) {
        if (segment.isEmpty()) {
            return partial ? "" : EMPTY;
        }
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (safe(b) && !(i == 0 && b == '.')) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean safe(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || "-_.~:+,=@".indexOf(b) >= 0;
    }

    /** The key stored under this relative file name ({@code /}-separated); empty when it is not one of ours. */
    public static Optional<String> key(String fileName) {
        if (!fileName.endsWith(OBJECT_MARK)) {
            return Optional.empty();
        }
        String[] parts = fileName.substring(0, fileName.length() - OBJECT_MARK.length()).split("/", -1);
        StringBuilder key = new StringBuilder(fileName.length());
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.endsWith(CONTINUED) && i < parts.length - 1) {
                segment.append(part, 0, part.length() - CONTINUED.length());
                continue;
            }
            segment.append(part);
            Optional<String> decoded = decodeSegment(segment.toString());
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            key.append(decoded.get());
            if (i < parts.length - 1) {
                key.append('/');
            }
            segment.setLength(0);
        }
        // Only the canonical name of a key is one: a hand-made variant (%2e, a raw leading dot) is not listed.
        return fileName(key.toString()).equals(fileName) ? Optional.of(key.toString()) : Optional.empty();
    }

    private static Optional<String> decodeSegment(String s) {
        if (s.equals(EMPTY)) {
            return Optional.of("");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80 && safe(c)) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** What S3 would refuse about this key (null when it is acceptable): the error code and message. */
    public static String[] problem(String key) {
        if (key == null || key.isEmpty()) {
            return new String[] {"InvalidArgument", "The object key must not be empty."};
        }
        try {
            int bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(key)).remaining();
            if (bytes > MAX_KEY_BYTES) {
                return new String[] {"KeyTooLongError", "Your key is too long."};
            }
        } catch (CharacterCodingException e) {
            return new String[] {"InvalidArgument", "The object key is not valid UTF-8."};
        }
        return null;
    }
}

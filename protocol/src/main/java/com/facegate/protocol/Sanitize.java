package com.facegate.protocol;

/**
 * Makes untrusted strings safe to put in a log line or on a terminal: nothing that could start a new line or
 * rewrite the terminal gets through. Unsafe are control characters (CR, LF, ESC of ANSI sequences, DEL, the C1
 * range with its one-byte CSI), Unicode line/paragraph separators, invisible format characters (bidi embeddings,
 * overrides and isolates U+202A–202E, U+2066–2069, marks, zero-width characters, tag characters beyond the BMP)
 * and unpaired surrogates. Text is handled by code point, so a cut never splits a pair.
 *
 * <p>Log lines need none of this at the call site: every shipped logback.xml renders through
 * {@code com.facegate.logging.SafeLogEncoder}, which applies these rules to messages, key/value pairs and
 * exception messages. Call it where the code composes text that is not a log line's argument: an exception's
 * message, an audit record's reason, an HTTP error body, console output.
 */
public final class Sanitize {
    private static final int LOG_MAX = 80;

    private Sanitize() {}

    /** The value quoted and cut at 80 characters (the rules above); "null" for null. */
    public static String forLog(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), LOG_MAX) + 5).append('"');
        int count = 0;
        int i = 0;
        while (i < s.length() && count < LOG_MAX) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            count++;
            if (unsafe(c)) {
                b.append('?');
            } else {
                b.appendCodePoint(c == '"' ? '\'' : c);
            }
        }
        if (i < s.length()) {
            b.append("...");
        }
        return b.append('"').toString();
    }

    /**
     * The same characters made safe, without the quotes, cut at {@code max}: for text the code composes around
     * an outside value (a JSON field name inside a problem), where quotes would be noise.
     */
    public static String inline(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 3);
        int[] cps = s.codePoints().limit(max).toArray();
        for (int c : cps) {
            if (unsafe(c)) {
                b.append('?');
            } else {
                b.appendCodePoint(c);
            }
        }
        return s.codePointCount(0, s.length()) > max ? b.append("...").toString() : b.toString();
    }

    /**
     * For console output and tables: the whole value, unquoted, every unsafe code point shown as {@code \\uXXXX}
     * (or {@code \\u{XXXXX}} beyond the BMP) so that an operator sees what was sent and nothing is executed by the
     * terminal. A backslash is doubled, so that an escape printed here cannot be faked by the sender.
     */
    public static String forTerminal(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(c -> {
            if (c == '\\') {
                b.append("\\\\");
            } else if (unsafe(c)) {
                b.append(c <= 0xFFFF ? String.format("\\u%04X", c) : String.format("\\u{%X}", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** True for a code point that must never reach a log line or a terminal as it is. */
    public static boolean unsafe(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || (type == Character.UNASSIGNED && c > 0xFFFF);
    }
}

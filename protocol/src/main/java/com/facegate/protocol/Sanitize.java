package com.facegate.protocol;

/**
 * Makes untrusted strings safe to put in text: bounded length, quoted, and nothing that could start a new line or
 * rewrite the terminal: control characters (CR, LF, ESC of ANSI sequences...), Unicode line/paragraph separators
 * and invisible format characters (bidi overrides, zero-width) become '?'; a quote inside becomes ' so that the
 * value cannot close its quotes and fake further fields.
 *
 * <p>Log lines need none of this at the call site: every shipped logback.xml renders through
 * {@code com.facegate.logging.SafeLogEncoder}, which applies these rules to messages, key/value pairs and
 * exception messages. Call it where the code composes text that is not a log line's argument: an exception's
 * message, an audit record's reason, an HTTP error body, console output.
 */
public final class Sanitize {
    private Sanitize() {}

    /** The value quoted and cut at 80 characters (the rules above); "null" for null. */
    public static String forLog(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80) + 2).append('"');
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(unsafe(c) ? '?' : c == '"' ? '\'' : c);
        }
        if (s.length() > 80) {
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
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            b.append(unsafe(c) ? '?' : c);
        }
        return s.length() > max ? b.append("...").toString() : b.toString();
    }

    /** Whether {@code c} could break a line, move the cursor or reorder the text around it. */
    public static boolean unsafe(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}

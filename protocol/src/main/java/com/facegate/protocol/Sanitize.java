package com.facegate.protocol;

/** Makes untrusted strings safe to put in a log line: bounded length, no control characters. */
public final class Sanitize {
    private Sanitize() {}

    public static String forLog(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 80) + 2).append('"');
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > 80) {
            b.append("...");
        }
        return b.append('"').toString();
    }
}

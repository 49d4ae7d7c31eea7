package com.facegate.device.log;

import com.facegate.protocol.Sanitize;

/**
 * Exceptions in log lines: their messages can carry untrusted text (a payload snippet from a JSON parser, a file
 * name from the camera folder, an S3 error body), so they go through {@link Sanitize#forLog} like any other
 * untrusted string. Stack frames themselves are code locations and stay as they are.
 */
public final class LogSafe {
    private LogSafe() {}

    /** "ExceptionClass: "message"" with the message sanitized, for a one-line log. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + Sanitize.forLog(t.getMessage()));
    }

    /** A copy of {@code t} (and its causes) whose messages are sanitized and whose stack traces are kept. */
    public static Throwable copy(Throwable t) {
        return copy(t, 0);
    }

    private static Throwable copy(Throwable t, int depth) {
        Throwable c = new Sanitized(describe(t), t.getCause() == null || depth > 8 ? null : copy(t.getCause(), depth + 1));
        c.setStackTrace(t.getStackTrace());
        return c;
    }

    /** Carries the original class name in its message; toString() shows only that. */
    private static final class Sanitized extends RuntimeException {
        Sanitized(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}

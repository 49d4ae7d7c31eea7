package com.facegate.protocol;

/**
 * An exception in one line, for a warning that needs no stack trace ("retrying in 2000 ms") or for the message of
 * an exception that reports another. Its message can quote outside text (a parser quoting the payload, an S3 or
 * HTTP error body), so it goes through {@link Sanitize#forLog}.
 */
public final class Failures {
    private Failures() {}

    /** {@code SimpleName: "message"} (quoted, cut, control characters replaced), or the name alone. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + Sanitize.forLog(t.getMessage());
    }

    /** The innermost cause: what a wrapper (ExecutionException, CompletionException, an SDK's own) reports. */
    public static Throwable root(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root != null && root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root;
    }
}

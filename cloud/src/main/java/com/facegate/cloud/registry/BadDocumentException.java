package com.facegate.cloud.registry;

import com.facegate.protocol.Sanitize;

/**
 * One registry document is not what its prefix holds (not JSON, not the document's shape, named for another id,
 * too large). Read alone it is unavailable, so callers deny as before; listings skip it and report it.
 */
public final class BadDocumentException extends RegistryUnavailableException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final String problem;

    public BadDocumentException(String key, String problem, Throwable cause) {
        super("bad registry document " + Sanitize.forLog(key) + ": " + problem, cause);
        this.key = key;
        this.problem = problem;
    }

    /** The object's key, as listed (log lines and audit records escape it when written). */
    public String key() {
        return key;
    }

    /** What was wrong, in a few words; never the document's content (it may hold a name). */
    public String problem() {
        return problem;
    }
}

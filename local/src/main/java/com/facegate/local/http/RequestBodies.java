package com.facegate.local.http;

import java.io.IOException;
import java.io.InputStream;

/** What the local endpoints do with the body of a request they refuse. */
public final class RequestBodies {
    private RequestBodies() {}

    /**
     * Reads and discards up to {@code limit} bytes so that a refusal goes out on a clean connection: closing with
     * the body unread makes the kernel reset the socket, and the client may lose the error. Nothing is buffered.
     */
    public static void discard(InputStream body, long limit) {
        try {
            long left = limit;
            long n;
            while (left > 0 && (n = body.skip(Math.min(left, 64 * 1024))) > 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // Nothing to save: the connection is closed either way.
        }
    }
}

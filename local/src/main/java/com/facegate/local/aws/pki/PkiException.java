package com.facegate.local.aws.pki;

/** A certificate or key could not be made, read or written. */
public class PkiException extends RuntimeException {
    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}

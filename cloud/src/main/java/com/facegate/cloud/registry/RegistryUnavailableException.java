package com.facegate.cloud.registry;

/** The registry could not be read (S3 error, corrupt document): callers must deny, never guess. */
public class RegistryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.facegate.cloud.access;

/**
 * A transient infrastructure failure (S3 unreachable) before anything was published: the invocation fails so
 * that the platform redelivers the event. Nothing was decided, so a retry cannot double-publish.
 */
public class RetryableCaptureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetryableCaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}

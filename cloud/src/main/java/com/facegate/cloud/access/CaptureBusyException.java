package com.facegate.cloud.access;

/**
 * Another delivery holds the capture's claim within its lease: this one must not decide (no second publish), and
 * fails so that the platform retries it; the retry finds the decision, or takes over a claim whose holder died.
 */
public final class CaptureBusyException extends RetryableCaptureException {
    private static final long serialVersionUID = 1L;

    public CaptureBusyException(String message) {
        super(message, null);
    }
}

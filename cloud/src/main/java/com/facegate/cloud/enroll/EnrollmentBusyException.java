package com.facegate.cloud.enroll;

/** A concurrent delivery holds the photo's claim: the invocation fails so that the platform retries it later. */
public final class EnrollmentBusyException extends RuntimeException {
    public EnrollmentBusyException(String message) {
        super(message);
    }
}

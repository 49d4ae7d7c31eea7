package com.facegate.local.aws.rekognition;

/** An error answered to the client as {@code {"__type": code, "message": ...}} with an HTTP status. */
public final class RekognitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public RekognitionException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}

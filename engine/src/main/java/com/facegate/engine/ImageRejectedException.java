package com.facegate.engine;

/** An image the engine will not analyse, with Rekognition's reason: bad format or too large. */
public class ImageRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind { INVALID_FORMAT, TOO_LARGE }

    private final Kind kind;

    public ImageRejectedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package com.facegate.engine.image;

/** A decoded frame: 8-bit BGR interleaved, row-major ({@code bgr.length == width * height * 3}). */
public record BgrImage(int width, int height, byte[] bgr) {
    public BgrImage {
        if (width <= 0 || height <= 0 || bgr.length != width * height * 3) {
            throw new IllegalArgumentException("bad image geometry " + width + "x" + height);
        }
    }
}

package com.facegate.engine.pipeline;

/** A detected face: square box in source pixels (may extend past the frame edge) and detector score 0..1. */
public record Detection(float x1, float y1, float x2, float y2, float score) {
    public float side() {
        return x2 - x1;
    }
}

package com.facegate.engine.pipeline;

/** Nanoseconds spent per pipeline stage for one image (benchmarks read it; not thread-safe, one per call). */
public final class StageTimes {
    public long decode, detect, align, embed, attributes, liveness;

    public long total() {
        return decode + detect + align + embed + attributes + liveness;
    }
}

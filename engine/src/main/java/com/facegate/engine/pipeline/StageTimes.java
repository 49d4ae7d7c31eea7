package com.facegate.engine.pipeline;

/**
 * Nanoseconds per pipeline stage for one image (benchmarks read it; one per call). Stages of a face may run side
 * by side (see SideTasks), so their sum is the work done and {@link #wall} the time the caller waited.
 */
public final class StageTimes {
    public long decode, detect, align, embed, attributes, liveness;
    /** Elapsed time of the whole call, decode included. */
    public long wall;

    /** Sum of the stages: the work done, which exceeds {@link #wall} when stages overlap. */
    public long work() {
        return decode + detect + align + embed + attributes + liveness;
    }
}

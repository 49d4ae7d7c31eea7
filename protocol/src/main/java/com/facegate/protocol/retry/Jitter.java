package com.facegate.protocol.retry;

/**
 * How a delay is spread below its exponential ceiling, so that many clients that failed together (a building's
 * doors after a broker restart, handlers after a throttling burst) do not all come back in the same instant.
 */
public enum Jitter {
    /** Exactly the ceiling: for a single client that nothing else competes with. */
    NONE,
    /** Uniform in [0, ceiling] ("full jitter"): spreads the most; a first retry may come at once. */
    FULL,
    /** Uniform in [initial, ceiling]: spread, but never sooner than the initial delay. */
    ABOVE_INITIAL
}

package com.facegate.local.aws.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether the local stack runs each function in Lambda-like containers, and how long an idle one is kept and how
 * many may run at once. Off: one instance per function, built at deployment and shared by every invocation
 * (deterministic, what tests want). On: an invocation that finds no idle container starts one, paying the
 * handler's real initialisation (its clients and configuration, the handler constructed fresh), so a burst starts
 * several containers and the first visit after a quiet spell pays a cold start again.
 */
public record ColdStarts(boolean on, Duration idleLifetime, int maxContainers) {
    /** One shared instance per function, no cold starts (the default). */
    public static final ColdStarts OFF = new ColdStarts(false, Duration.ZERO, 1);
    /**
     * AWS keeps an idle execution environment for minutes (not documented; commonly observed 5–15 min) and lets an
     * account run 1000 at once; locally the stack's Lambda worker threads bound concurrency well below that.
     */
    public static final ColdStarts AWS_LIKE = new ColdStarts(true, Duration.ofMinutes(5), 1000);

    public ColdStarts {
        Objects.requireNonNull(idleLifetime, "idleLifetime");
        if (idleLifetime.isNegative() || maxContainers < 1) {
            throw new IllegalArgumentException("cold starts need a non-negative idle lifetime and at least one "
                    + "container (got " + idleLifetime + ", " + maxContainers + ")");
        }
    }
}

package com.facegate.local.aws.lambda;

import java.util.concurrent.atomic.AtomicLong;

/**
 * S3 event sequencers: hex strings that grow with each write to a key, so consumers can order events for the
 * same object. One counter seeded from the clock keeps them growing across keys and across restarts.
 */
public final class Sequencer {
    private final AtomicLong next = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    public String next() {
        long v = next.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis() * 1_000_000L));
        return String.format("00%016X", v);
    }
}

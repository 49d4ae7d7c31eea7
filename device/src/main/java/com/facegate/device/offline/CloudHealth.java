package com.facegate.device.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the door should decide by itself: the MQTT link has been down for longer than {@code offlineAfter}, or
 * the last {@code missedLimit} captures in a row got no decision before their deadline (S3 or the handler down
 * while MQTT is up).
 */
public final class CloudHealth {
    private final Clock clock;
    private final Duration offlineAfter;
    private final int missedLimit;
    private volatile Instant offlineSince;
    /** Counted by the MQTT thread (decisions), the tick (deadlines) and the capture loop (uploads) at once. */
    private final AtomicInteger missed = new AtomicInteger();

    public CloudHealth(Clock clock, Duration offlineAfter, int missedLimit) {
        this.clock = clock;
        this.offlineAfter = offlineAfter;
        this.missedLimit = missedLimit;
        this.offlineSince = clock.instant(); // not yet connected at start
    }

    public void linkOnline(boolean online) {
        offlineSince = online ? null : (offlineSince == null ? clock.instant() : offlineSince);
    }

    public void decisionArrived() {
        missed.set(0);
    }

    public void decisionMissed() {
        missed.incrementAndGet();
    }

    public void uploadFailed() {
        missed.incrementAndGet();
    }

    public boolean offline() {
        Instant since = offlineSince;
        return (since != null && !clock.instant().isBefore(since.plus(offlineAfter))) || missed.get() >= missedLimit;
    }
}

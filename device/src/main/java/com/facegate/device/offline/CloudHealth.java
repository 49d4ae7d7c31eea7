package com.facegate.device.offline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the door should decide by itself: the MQTT link has been down for longer than {@code offlineAfter}, or
 * the last {@code missedLimit} captures in a row got no decision before their deadline (S3 or the handler down
 * while MQTT is up). The second cause has no event of its own that ends it (in offline mode nothing is uploaded,
 * so no decision can come): a {@link CloudProbe} that reaches the cloud ends it ({@link #cloudReached()}).
 */
public final class CloudHealth {
    /** Why the door went offline, and what ended it: the reasons of OFFLINE_ENTERED and ONLINE_RESTORED. */
    public static final String LINK_DOWN = "LINK_DOWN";
    public static final String NO_DECISIONS = "NO_DECISIONS";
    public static final String LINK_UP = "LINK_UP";
    public static final String DECISION_ARRIVED = "DECISION_ARRIVED";
    public static final String CLOUD_REACHABLE = "CLOUD_REACHABLE";

    private final Clock clock;
    private final Duration offlineAfter;
    private final int missedLimit;
    private volatile Instant offlineSince;
    /** Counted by the MQTT thread (decisions), the tick (deadlines) and the capture loop (uploads) at once. */
    private final AtomicInteger missed = new AtomicInteger();
    private volatile String endedBy = LINK_UP;

    public CloudHealth(Clock clock, Duration offlineAfter, int missedLimit) {
        this.clock = clock;
        this.offlineAfter = offlineAfter;
        this.missedLimit = missedLimit;
        this.offlineSince = clock.instant(); // not yet connected at start
    }

    public void linkOnline(boolean online) {
        offlineSince = online ? null : (offlineSince == null ? clock.instant() : offlineSince);
        if (online) {
            endedBy = LINK_UP;
        }
    }

    public void decisionArrived() {
        missed.set(0);
        endedBy = DECISION_ARRIVED;
    }

    public void decisionMissed() {
        missed.incrementAndGet();
    }

    public void uploadFailed() {
        missed.incrementAndGet();
    }

    /**
     * A probe got through to the cloud's storage with the door's own credentials: uploads work again. Half-open,
     * as a circuit breaker: the probe does not prove that decisions come, so one more missed decision (not
     * {@code missedLimit}) sends the door back offline, and only a decision clears the count.
     */
    public void cloudReached() {
        missed.set(missedLimit - 1);
        endedBy = CLOUD_REACHABLE;
    }

    /** No capture has gone without a decision since the last decision: the cloud is proven to work. */
    public boolean decisionsFlowing() {
        return missed.get() == 0;
    }

    public boolean offline() {
        Instant since = offlineSince;
        return (since != null && !clock.instant().isBefore(since.plus(offlineAfter))) || missed.get() >= missedLimit;
    }

    /** Offline with the link up: decisions stopped coming, and only reaching the cloud another way can tell. */
    public boolean needsProbe() {
        return offlineSince == null && missed.get() >= missedLimit;
    }

    /** Why the door is offline now ({@link #LINK_DOWN} or {@link #NO_DECISIONS}). */
    public String cause() {
        return missed.get() >= missedLimit ? NO_DECISIONS : LINK_DOWN;
    }

    /** What last ended (or would end) offline mode: {@link #LINK_UP}, {@link #DECISION_ARRIVED}, ... */
    public String endedBy() {
        return endedBy;
    }
}

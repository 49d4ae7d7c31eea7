package com.facegate.device.gate;

import com.facegate.engine.Similarity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One upload per visit: a face whose embedding matches one uploaded within {@code cooldown} is the same person
 * still standing there. Embeddings are kept only for the cooldown, in memory.
 */
public final class VisitCooldown {
    private record Seen(float[] embedding, Instant at) {}

    private final Duration cooldown;
    private final float sameCosine;
    private final Deque<Seen> recent = new ArrayDeque<>();

    public VisitCooldown(Duration cooldown, float sameCosine) {
        this.cooldown = cooldown;
        this.sameCosine = sameCosine;
    }

    /** True when this face was uploaded recently; refreshes that person's cooldown while they stay. */
    public synchronized boolean recentlySeen(float[] embedding, Instant now) {
        recent.removeIf(s -> s.at().plus(cooldown).isBefore(now));
        if (embedding == null) {
            return false;
        }
        for (Seen s : recent) {
            if (Similarity.cosine(s.embedding(), embedding) >= sameCosine) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets everyone: a card or PIN presented after a face-only upload is a new attempt by the person standing
     * there, whose face must go up again with it (else the card waits on a frame with no face).
     */
    public synchronized void forgetAll() {
        recent.clear();
    }

    public synchronized void remember(float[] embedding, Instant now) {
        if (embedding != null) {
            recent.addLast(new Seen(embedding, now));
        }
    }
}

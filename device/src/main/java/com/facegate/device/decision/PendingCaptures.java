package com.facegate.device.decision;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures uploaded and waiting for the cloud's decision, each with a local deadline, plus a bounded memory of
 * captures already decided (so a second decision for one is a DUPLICATE, not an UNKNOWN_CAPTURE).
 */
public final class PendingCaptures {

    /**
     * Why the door itself refuses a visit whatever the offline match says: its liveness cues ({@code LOW_LIVENESS}),
     * or no face to match ({@code NO_FACE}, a frame sent for a card with nobody in view). {@code problem}: detail.
     */
    public record Refusal(String reason, String problem) {}

    /**
     * One uploaded capture. {@code embedding} keeps the face for the offline fallback; {@code refusal} is null
     * unless the door refuses the visit itself ({@link Refusal}).
     */
    public record Pending(String captureId, Instant capturedAt, Instant deadline, float[] embedding,
                          Refusal refusal) {
        public Pending(String captureId, Instant capturedAt, Instant deadline, float[] embedding) {
            this(captureId, capturedAt, deadline, embedding, null);
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Boolean> decided = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 4096;
        }
    };

    public void add(Pending p) {
        pending.put(p.captureId(), p);
    }

    public Optional<Pending> get(String captureId) {
        return Optional.ofNullable(pending.get(captureId));
    }

    public synchronized boolean wasDecided(String captureId) {
        return decided.containsKey(captureId);
    }

    /** Marks the capture decided; false when it was not pending any more (decided concurrently). */
    public synchronized boolean decide(String captureId) {
        decided.put(captureId, Boolean.TRUE);
        return pending.remove(captureId) != null;
    }

    /** Removes and returns captures whose deadline has passed (the cloud never answered in time). */
    public synchronized java.util.List<Pending> expire(Instant now) {
        java.util.List<Pending> out = new java.util.ArrayList<>();
        pending.values().removeIf(p -> {
            if (now.isAfter(p.deadline())) {
                out.add(p);
                return true;
            }
            return false;
        });
        return out;
    }

    public int size() {
        return pending.size();
    }
}

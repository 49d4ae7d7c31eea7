package com.facegate.device.app;

import com.facegate.engine.Similarity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Someone else's face right behind a granted person: a visit of a different person that began after the
 * granted visit and no later than the door's open window ({@code door.authorizedOpenWindow}) after the grant.
 * Decisions take a moment, so the follower may be seen before the grant arrives or after: both orders are
 * checked. Each follower is reported once. Embeddings are kept in memory only, for the window.
 */
final class TailgateWatch {
    /** A follower to audit: its capture, and the granted capture it followed. */
    record Suspect(String captureId, String grantedCaptureId) {}

    private record Visit(String captureId, Instant at, float[] embedding) {}

    private record Grant(Visit visit, Instant at) {}

    private static final int MAX_KEPT = 256;
    private final Duration window;
    private final float sameCosine;
    private final Deque<Visit> visits = new ArrayDeque<>();
    private final Deque<Grant> grants = new ArrayDeque<>();
    private final Set<String> reported = new HashSet<>();

    TailgateWatch(Duration window, float sameCosine) {
        this.window = window;
        this.sameCosine = sameCosine;
    }

    /** A visit's capture (its frame time and face); returns the grants it follows too closely. */
    synchronized List<Suspect> visit(String captureId, Instant at, float[] embedding, Instant now) {
        prune(now);
        Visit v = new Visit(captureId, at, embedding);
        visits.addLast(v);
        List<Suspect> out = new ArrayList<>();
        for (Grant g : grants) {
            follows(v, g, out);
        }
        return out;
    }

    /** A face grant for {@code captureId} carried out now; returns the visits already seen that follow it. */
    synchronized List<Suspect> granted(String captureId, Instant now) {
        prune(now);
        Visit granted = visits.stream().filter(v -> v.captureId().equals(captureId)).findFirst().orElse(null);
        if (granted == null) {
            return List.of();
        }
        Grant g = new Grant(granted, now);
        grants.addLast(g);
        List<Suspect> out = new ArrayList<>();
        for (Visit v : visits) {
            follows(v, g, out);
        }
        return out;
    }

    private void follows(Visit v, Grant g, List<Suspect> out) {
        boolean after = v.at().isAfter(g.visit().at()) && !v.at().isAfter(g.at().plus(window));
        if (after && !samePerson(v, g.visit()) && reported.add(v.captureId())) {
            out.add(new Suspect(v.captureId(), g.visit().captureId()));
        }
    }

    /** Without embeddings to compare, a second visit inside the window counts as someone else. */
    private boolean samePerson(Visit a, Visit b) {
        return a.embedding() != null && b.embedding() != null
                && Similarity.cosine(a.embedding(), b.embedding()) >= sameCosine;
    }

    private void prune(Instant now) {
        // A visit stays while a grant for it could still arrive and be followed: twice the window is ample.
        Instant oldest = now.minus(window.multipliedBy(2));
        visits.removeIf(v -> v.at().isBefore(oldest));
        grants.removeIf(g -> g.at().plus(window).isBefore(now));
        while (visits.size() > MAX_KEPT) {
            visits.removeFirst();
        }
        while (grants.size() > MAX_KEPT) {
            grants.removeFirst();
        }
        if (reported.size() > MAX_KEPT) {
            reported.clear(); // ids are unique per capture: forgetting old ones cannot report a follower twice
        }
    }
}

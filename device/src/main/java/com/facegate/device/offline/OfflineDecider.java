package com.facegate.device.offline;

import com.facegate.protocol.gallery.Gallery;
import com.facegate.device.config.DoorConfig.OfflinePolicy;
import com.facegate.engine.Similarity;
import com.facegate.protocol.Reasons;
import java.util.List;
import java.util.Map;

/**
 * Decides on the door when the cloud is unreachable: deny everyone, or match the face against the synced gallery
 * at a stricter threshold than the cloud's. A door gallery is small (hundreds of templates), so a linear scan is
 * faster than building an index.
 */
public final class OfflineDecider {

    /** The local answer: grant with the badge, or deny with the reason. */
    public record Outcome(boolean grant, String badgeId, double similarity, String reason) {}

    private final OfflinePolicy policy;
    private final float minSimilarity;
    private final GalleryStore gallery;

    public OfflineDecider(OfflinePolicy policy, float minSimilarity, GalleryStore gallery) {
        this.policy = policy;
        this.minSimilarity = minSimilarity;
        this.gallery = gallery;
    }

    public Outcome decide(float[] embedding) {
        if (policy == OfflinePolicy.DENY_ALL) {
            return new Outcome(false, null, 0, Reasons.OFFLINE_DENY_ALL);
        }
        Gallery g = gallery.current().orElse(null);
        if (g == null || embedding == null) {
            return new Outcome(false, null, 0, Reasons.RECOGNITION_UNAVAILABLE);
        }
        String bestBadge = null;
        float bestCos = -2;
        for (Map.Entry<String, List<float[]>> e : g.badges().entrySet()) {
            for (float[] t : e.getValue()) {
                if (t.length != embedding.length) {
                    continue;
                }
                float c = Similarity.cosine(t, embedding);
                if (c > bestCos) {
                    bestCos = c;
                    bestBadge = e.getKey();
                }
            }
        }
        if (bestBadge == null) {
            return new Outcome(false, null, 0, Reasons.NO_MATCH);
        }
        double score = Similarity.toScore(bestCos);
        return score >= minSimilarity ? new Outcome(true, bestBadge, score, Reasons.MATCHED)
                : new Outcome(false, null, score, Reasons.NO_MATCH);
    }
}

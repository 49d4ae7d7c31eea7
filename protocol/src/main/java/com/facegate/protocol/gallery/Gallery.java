package com.facegate.protocol.gallery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The badges allowed at this door and their face templates, as the cloud publishes them for offline use. Only
 * active badges for this door are in it; the door trusts the cloud to have applied revocations.
 */
public record Gallery(String doorId, Instant generatedAt, int dimension, Map<String, List<float[]>> badges) {
    public int templates() {
        return badges.values().stream().mapToInt(List::size).sum();
    }
}

package com.facegate.local.aws.rekognition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rekognition's per-operation transactions-per-second quota (default 5 TPS for SearchFacesByImage and DetectFaces
 * in most regions, 50 in the largest): a token bucket per operation holding at most one second's worth, refilled
 * continuously. A call that finds its bucket empty gets {@code ThrottlingException}, as from AWS, and the SDK's
 * retry policy applies. Zero: no quota (the default: tests stay deterministic).
 */
final class TpsQuota {
    private final int tps;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TpsQuota(int tps) {
        if (tps < 0) {
            throw new IllegalArgumentException("tps must not be negative");
        }
        this.tps = tps;
    }

    /** Takes one call's token or throws ThrottlingException. */
    void take(String operation) {
        if (tps > 0 && !buckets.computeIfAbsent(operation, o -> new Bucket(tps)).take(System.nanoTime())) {
            throw RekognitionErrors.throttling();
        }
    }

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(int tps) {
            this.perNano = tps / 1e9;
            this.capacity = tps;
            this.tokens = tps;
            this.last = System.nanoTime();
        }

        synchronized boolean take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}

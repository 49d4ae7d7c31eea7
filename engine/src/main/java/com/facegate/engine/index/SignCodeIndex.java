package com.facegate.engine.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Compact in-memory index: vectors live in float[] slabs (no per-face objects) next to a 1-bit-per-dimension
 * sign code. Small galleries are scanned exactly. Above {@link #exactLimit} faces a search first ranks every
 * face by Hamming distance of the sign codes (XOR + popcount over 64 bytes a face, the whole 1 M-face code
 * table is 64 MB and streams in a few milliseconds) and then re-ranks the best {@link #rerank} candidates by
 * exact cosine. Removal moves the last face into the freed slot so storage stays dense.
 */
public final class SignCodeIndex implements FaceIndex {
    static final int SLAB_FACES = 1 << 14;
    static final int DEFAULT_EXACT_LIMIT = 50_000;
    static final int DEFAULT_RERANK = 4_000;

    private final int dim;
    private final int words;
    private final int exactLimit;
    private final int rerank;
    private final List<float[]> vectors = new ArrayList<>();
    private final List<long[]> codes = new ArrayList<>();
    private String[] ids = new String[16];
    private final Map<String, Integer> slots = new HashMap<>();
    private int size;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ThreadLocal<short[]> distances = ThreadLocal.withInitial(() -> new short[0]);

    public SignCodeIndex(int dimension) {
        this(dimension, DEFAULT_EXACT_LIMIT, DEFAULT_RERANK);
    }

    /**
     * An index of {@code dimension}-wide embeddings.
     *
     * @param exactLimit scan exactly up to this many faces
     * @param rerank candidates re-ranked exactly above it
     */
    public SignCodeIndex(int dimension, int exactLimit, int rerank) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive");
        }
        this.dim = dimension;
        this.words = (dimension + 63) / 64;
        this.exactLimit = exactLimit;
        this.rerank = rerank;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void add(String faceId, float[] embedding) {
        if (faceId == null) {
            throw new IllegalArgumentException("faceId is required");
        }
        check(embedding);
        lock.writeLock().lock();
        try {
            Integer existing = slots.get(faceId);
            int slot = existing != null ? existing : size;
            if (existing == null) {
                if (slot / SLAB_FACES == vectors.size()) {
                    vectors.add(new float[SLAB_FACES * dim]);
                    codes.add(new long[SLAB_FACES * words]);
                }
                if (slot == ids.length) {
                    ids = Arrays.copyOf(ids, ids.length * 2);
                }
                size++;
                slots.put(faceId, slot);
                ids[slot] = faceId;
            }
            write(slot, embedding);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void write(int slot, float[] e) {
        float[] slab = vectors.get(slot / SLAB_FACES);
        int off = (slot % SLAB_FACES) * dim;
        System.arraycopy(e, 0, slab, off, dim);
        long[] cs = codes.get(slot / SLAB_FACES);
        int coff = (slot % SLAB_FACES) * words;
        Arrays.fill(cs, coff, coff + words, 0L);
        for (int i = 0; i < dim; i++) {
            if (e[i] > 0) {
                cs[coff + (i >>> 6)] |= 1L << (i & 63);
            }
        }
    }

    @Override
    public boolean remove(String faceId) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(faceId);
            if (slot == null) {
                return false;
            }
            int last = size - 1;
            if (slot != last) {
                float[] from = vectors.get(last / SLAB_FACES);
                float[] tmp = Arrays.copyOfRange(from, (last % SLAB_FACES) * dim, (last % SLAB_FACES) * dim + dim);
                write(slot, tmp);
                ids[slot] = ids[last];
                slots.put(ids[slot], slot);
            }
            ids[last] = null;
            size--;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<Hit> search(float[] query, int maxHits, float minCosine) {
        check(query);
        if (maxHits <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            if (size <= exactLimit || size <= rerank) {
                return exact(query, maxHits, minCosine);
            }
            return prefiltered(query, maxHits, minCosine);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Hit> exact(float[] q, int maxHits, float minCosine) {
        TopK top = new TopK(maxHits);
        scan(q, minCosine, 0, size, top);
        return top.hits(ids);
    }

    private void scan(float[] q, float minCosine, int from, int to, TopK top) {
        for (int s = from; s < to; s++) {
            float c = dot(q, s);
            if (c >= minCosine) {
                top.offer(s, c);
            }
        }
    }

    /**
     * Exact cosine over every face, split over all cores. Kept for comparison: at 1 M faces it reads 2 GB per
     * query and is memory-bound (see docs/face-engine.md), so {@link #search} does not use it.
     */
    public List<Hit> searchExact(float[] query, int maxHits, float minCosine) {
        check(query);
        lock.readLock().lock();
        try {
            int parts = Runtime.getRuntime().availableProcessors();
            int chunk = (size + parts - 1) / Math.max(1, parts);
            List<java.util.concurrent.CompletableFuture<TopK>> jobs = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                int from = p * chunk, to = Math.min(size, from + chunk);
                jobs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    TopK t = new TopK(maxHits);
                    scan(query, minCosine, from, to, t);
                    return t;
                }));
            }
            TopK all = new TopK(maxHits);
            for (var j : jobs) {
                TopK t = j.join();
                for (int i = 0; i < t.n; i++) {
                    all.offer(t.slot[i], t.score[i]);
                }
            }
            return all.hits(ids);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Hit> prefiltered(float[] q, int maxHits, float minCosine) {
        long[] qc = new long[words];
        for (int i = 0; i < dim; i++) {
            if (q[i] > 0) {
                qc[i >>> 6] |= 1L << (i & 63);
            }
        }
        short[] dist = distances.get();
        if (dist.length < size) {
            dist = new short[Math.max(size, dist.length * 3 / 2)];
            distances.set(dist);
        }
        int[] histogram = new int[dim + 1];
        for (int slab = 0, s = 0; s < size; slab++) {
            long[] cs = codes.get(slab);
            int end = Math.min(size, s + SLAB_FACES);
            for (int off = 0; s < end; s++, off += words) {
                int d = 0;
                for (int w = 0; w < words; w++) {
                    d += Long.bitCount(cs[off + w] ^ qc[w]);
                }
                dist[s] = (short) d;
                histogram[d]++;
            }
        }
        // The Hamming radius that admits at least `want` candidates, then exact cosine on just those.
        int want = Math.max(rerank, maxHits * 4);
        int radius = 0;
        for (int seen = 0; radius <= dim; radius++) {
            seen += histogram[radius];
            if (seen >= want) {
                break;
            }
        }
        // Everything strictly inside the radius (fewer than `want`), then ties at the radius up to a cap so a
        // flat distance histogram cannot turn the re-rank into a full scan.
        TopK top = new TopK(maxHits);
        int taken = 0;
        for (int s = 0; s < size; s++) {
            if (dist[s] < radius) {
                taken++;
                rerankOne(q, s, minCosine, top);
            }
        }
        int cap = want + want / 2;
        for (int s = 0; s < size && taken < cap; s++) {
            if (dist[s] == radius) {
                taken++;
                rerankOne(q, s, minCosine, top);
            }
        }
        return top.hits(ids);
    }

    private void rerankOne(float[] q, int slot, float minCosine, TopK top) {
        float c = dot(q, slot);
        if (c >= minCosine) {
            top.offer(slot, c);
        }
    }

    private float dot(float[] q, int slot) {
        float[] slab = vectors.get(slot / SLAB_FACES);
        int off = (slot % SLAB_FACES) * dim;
        float a = 0, b = 0, c = 0, d = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            a += q[i] * slab[off + i];
            b += q[i + 1] * slab[off + i + 1];
            c += q[i + 2] * slab[off + i + 2];
            d += q[i + 3] * slab[off + i + 3];
        }
        for (; i < dim; i++) {
            a += q[i] * slab[off + i];
        }
        return (a + b) + (c + d);
    }

    private void check(float[] v) {
        if (v == null || v.length != dim) {
            throw new IllegalArgumentException("embedding must have " + dim + " values");
        }
    }

    /** Bounded min-heap of (slot, cosine), best first on output. */
    private static final class TopK {
        private final int k;
        private final int[] slot;
        private final float[] score;
        private int n;

        TopK(int k) {
            this.k = Math.min(k, 1 << 16);
            slot = new int[this.k];
            score = new float[this.k];
        }

        void offer(int s, float c) {
            if (n < k) {
                slot[n] = s;
                score[n] = c;
                up(n++);
            } else if (c > score[0]) {
                slot[0] = s;
                score[0] = c;
                down(0);
            }
        }

        private void up(int i) {
            while (i > 0) {
                int p = (i - 1) / 2;
                if (score[p] <= score[i]) {
                    return;
                }
                swap(i, p);
                i = p;
            }
        }

        private void down(int i) {
            while (true) {
                int l = 2 * i + 1, r = l + 1, m = i;
                if (l < n && score[l] < score[m]) {
                    m = l;
                }
                if (r < n && score[r] < score[m]) {
                    m = r;
                }
                if (m == i) {
                    return;
                }
                swap(i, m);
                i = m;
            }
        }

        private void swap(int a, int b) {
            int ts = slot[a];
            slot[a] = slot[b];
            slot[b] = ts;
            float tc = score[a];
            score[a] = score[b];
            score[b] = tc;
        }

        List<Hit> hits(String[] ids) {
            Hit[] out = new Hit[n];
            for (int i = n - 1; i >= 0; i--) {
                out[i] = new Hit(ids[slot[0]], score[0]);
                slot[0] = slot[n - 1];
                score[0] = score[n - 1];
                n--;
                down(0);
            }
            return List.of(out);
        }
    }
}

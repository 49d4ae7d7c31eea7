package com.facegate.bench.engine;

import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.engine.image.BgrImage;
import com.facegate.engine.image.ImageDecoder;
import com.facegate.engine.pipeline.Detection;
import com.facegate.engine.pipeline.StageTimes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * A labelled image folder laid out as {@code <root>/<Person>/<file>.jpg} and embeddings of its photos.
 * A photo where the detector finds no face is embedded from a centre crop and counted as a failure to enrol.
 */
final class FaceSet {
    /** People (sorted by name) → their photo paths (sorted). */
    static Map<String, List<Path>> list(Path root) {
        Map<String, List<Path>> people = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    List<Path> photos = files.filter(f -> {
                        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
                    }).sorted().toList();
                    if (!photos.isEmpty()) {
                        people.put(d.getFileName().toString(), photos);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return people;
    }

    /** Result of embedding a list of photos. */
    record Embedded(float[][] vectors, boolean[] fallback) {
        int failures() {
            int n = 0;
            for (boolean f : fallback) {
                n += f ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Embeds all photos, reusing {@code cache} (a file written by an earlier run over the same photo list) when
     * given; benchmarks that need the same embeddings then skip the minutes of model time.
     */
    static Embedded embed(List<Path> photos, int threads, Path cache) throws IOException {
        if (cache != null && Files.exists(cache)) {
            try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                if (in.readInt() == photos.size() && in.readInt() == photos.hashCode()) {
                    int dim = in.readInt();
                    float[][] v = new float[photos.size()][dim];
                    boolean[] fb = new boolean[photos.size()];
                    for (int i = 0; i < v.length; i++) {
                        fb[i] = in.readBoolean();
                        for (int j = 0; j < dim; j++) {
                            v[i][j] = in.readFloat();
                        }
                    }
                    return new Embedded(v, fb);
                }
            }
        }
        Embedded e;
        try (OnnxFaceEngine engine = OnnxFaceEngine.load()) {
            e = embed(engine, photos, threads);
        }
        if (cache != null) {
            writeCache(cache, photos, e);
        }
        return e;
    }

    /** Where embeddings are stored unless {@code --store} says otherwise ({@code none}: nowhere). */
    static final String DEFAULT_STORE = "target/bench-embeddings.bin";

    /**
     * The photos' embeddings as the bench's arguments ask: {@code --cache f} (one file per photo list, as before)
     * or else the per-photo store ({@code --store}, default {@value #DEFAULT_STORE}).
     */
    static Embedded embed(BenchArgs a, List<Path> photos) throws IOException {
        int threads = a.getInt("threads", 2);
        if (a.has("cache")) {
            return embed(photos, threads, Path.of(a.get("cache", "")));
        }
        String store = a.get("store", DEFAULT_STORE);
        return "none".equals(store) ? embed(photos, threads, null) : embedStored(photos, threads, Path.of(store));
    }

    /**
     * Embeds all photos, reusing per-photo entries of {@code store} (keyed by absolute path, size and modification
     * time) and embedding only the photos it lacks; the store is then rewritten with every entry it held plus the
     * new ones. Unlike {@link #embed(List, int, Path)} a store survives a change of the photo list (another gallery
     * size, a distractor folder), so reruns over any subset cost no model time.
     */
    static Embedded embedStored(List<Path> photos, int threads, Path store) throws IOException {
        Map<String, Stored> known = readStore(store);
        List<Path> missing = new ArrayList<>();
        for (Path p : photos) {
            if (!known.containsKey(storeKey(p))) {
                missing.add(p);
            }
        }
        if (!missing.isEmpty()) {
            Embedded fresh;
            try (OnnxFaceEngine engine = OnnxFaceEngine.load()) {
                fresh = embed(engine, missing, threads);
            }
            for (int i = 0; i < missing.size(); i++) {
                known.put(storeKey(missing.get(i)), new Stored(fresh.vectors()[i], fresh.fallback()[i]));
            }
            writeStore(store, known);
        }
        float[][] v = new float[photos.size()][];
        boolean[] fb = new boolean[photos.size()];
        for (int i = 0; i < photos.size(); i++) {
            Stored s = known.get(storeKey(photos.get(i)));
            v[i] = s.vector();
            fb[i] = s.fallback();
        }
        return new Embedded(v, fb);
    }

    /** One photo's stored embedding. */
    private static final class Stored {
        private final float[] vector;
        private final boolean fallback;

        Stored(float[] vector, boolean fallback) {
            this.vector = vector;
            this.fallback = fallback;
        }

        float[] vector() {
            return vector;
        }

        boolean fallback() {
            return fallback;
        }
    }

    private static final int STORE_MAGIC = 0x46474531; // "FGE1"

    private static String storeKey(Path p) throws IOException {
        return p.toAbsolutePath().normalize() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis();
    }

    private static Map<String, Stored> readStore(Path store) throws IOException {
        Map<String, Stored> known = new java.util.HashMap<>();
        if (store == null || !Files.exists(store)) {
            return known;
        }
        try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(store)))) {
            if (in.readInt() != STORE_MAGIC) {
                return known; // not a store (an older cache file): start afresh
            }
            int n = in.readInt();
            int dim = in.readInt();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                boolean fb = in.readBoolean();
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = in.readFloat();
                }
                known.put(key, new Stored(v, fb));
            }
        }
        return known;
    }

    private static void writeStore(Path store, Map<String, Stored> known) throws IOException {
        if (store == null) {
            return;
        }
        if (store.getParent() != null) {
            Files.createDirectories(store.getParent());
        }
        Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
        try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(STORE_MAGIC);
            out.writeInt(known.size());
            out.writeInt(known.values().iterator().next().vector().length);
            for (Map.Entry<String, Stored> e : new TreeMap<>(known).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeBoolean(e.getValue().fallback());
                for (float x : e.getValue().vector()) {
                    out.writeFloat(x);
                }
            }
        }
        Files.move(tmp, store, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes embeddings of {@code photos} (in that order) as a cache file that {@link #embed(List, int, Path)} reads.
     */
    static void writeCache(Path cache, List<Path> photos, Embedded e) throws IOException {
        try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
            out.writeInt(photos.size());
            out.writeInt(photos.hashCode());
            out.writeInt(e.vectors()[0].length);
            for (int i = 0; i < photos.size(); i++) {
                out.writeBoolean(e.fallback()[i]);
                for (float x : e.vectors()[i]) {
                    out.writeFloat(x);
                }
            }
        }
    }

    /** Embeds all photos on {@code threads} threads (the engine is thread-safe). */
    static Embedded embed(OnnxFaceEngine engine, List<Path> photos, int threads) {
        float[][] vectors = new float[photos.size()][];
        boolean[] fallback = new boolean[photos.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                jobs.add(pool.submit(() -> {
                    for (int i = first; i < photos.size(); i += threads) {
                        Face f = embedOne(engine, photos.get(i));
                        fallback[i] = f == null;
                        vectors[i] = f != null ? f.embedding() : centreCrop(engine, photos.get(i)).embedding();
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("embedding failed", e);
        } finally {
            pool.shutdown();
        }
        return new Embedded(vectors, fallback);
    }

    /** The face nearest the image centre (LFW photos centre their subject), or null when none is found. */
    static Face embedOne(OnnxFaceEngine engine, Path photo) {
        try {
            List<Face> faces = engine.analyze(Files.readAllBytes(photo), FaceEngine.Detail.DEFAULT);
            return central(faces);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageRejectedException e) {
            return null;
        }
    }

    static Face central(List<Face> faces) {
        Face best = null;
        for (Face f : faces) {
            Face.BoundingBox b = f.box();
            boolean centred = b.left() <= 0.5f && b.left() + b.width() >= 0.5f && b.top() <= 0.5f
                    && b.top() + b.height() >= 0.5f;
            if (centred && (best == null || b.area() > best.box().area())) {
                best = f;
            }
        }
        return best != null ? best : (faces.isEmpty() ? null : faces.get(0));
    }

    static Face centreCrop(OnnxFaceEngine engine, Path photo) {
        try {
            BgrImage img = ImageDecoder.decode(Files.readAllBytes(photo));
            float side = 0.45f * Math.min(img.width(), img.height());
            float cx = img.width() / 2f, cy = img.height() / 2f;
            Detection box = new Detection(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2, 0f);
            return engine.analyzeBox(img, box, FaceEngine.Detail.DEFAULT, new StageTimes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException("unreadable photo " + photo, e);
        }
    }
}

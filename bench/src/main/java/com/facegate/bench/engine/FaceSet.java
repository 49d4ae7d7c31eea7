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

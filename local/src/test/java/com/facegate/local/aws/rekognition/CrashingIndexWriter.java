package com.facegate.local.aws.rekognition;

import com.facegate.engine.Face;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Child-process main for the crash test: adds faces to a collection one transaction at a time, printing each face id
 * only after its commit returned, until the parent kills it with SIGKILL.
 */
public final class CrashingIndexWriter {
    private CrashingIndexWriter() {}

    public static void main(String[] args) throws Exception {
        try (CollectionStore store = CollectionStore.open(Path.of(args[0]), 512)) {
            store.create("crash", System.currentTimeMillis());
            System.out.println("ready");
            for (int i = 0; ; i++) {
                CollectionStore.StoredFace face = new CollectionStore.StoredFace(faceId(i), "img-" + i, "badge-" + i,
                        new Face.BoundingBox(0.1f, 0.1f, 0.5f, 0.5f), 99f, null, System.currentTimeMillis());
                store.addFaces("crash", List.of(face), List.of(embedding(i)));
                System.out.println("committed " + i);
                System.out.flush();
            }
        }
    }

    static String faceId(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    /** A deterministic unit vector per face, so the parent can search for what the child wrote. */
    static float[] embedding(int i) {
        Random random = new Random(i);
        float[] v = new float[512];
        double norm = 0;
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) random.nextGaussian();
            norm += v[k] * v[k];
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}

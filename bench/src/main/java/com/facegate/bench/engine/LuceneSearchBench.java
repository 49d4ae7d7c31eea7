package com.facegate.bench.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.MMapDirectory;

/**
 * The same workload as {@code bench search} (random unit vectors, planted near-duplicates at a chosen cosine) on
 * Lucene's HNSW vector index, so the engine's sign-code index is chosen by measurement against a well-kept
 * library. Lucene's defaults: M=16, beam width 100; one segment (no merges), dot product on unit vectors.
 */
public final class LuceneSearchBench {
    private LuceneSearchBench() {}

    public static int run(String[] args, PrintStream out) throws IOException {
        int n = 100_000;
        int dim = 512;
        int queries = 200;
        float plantCos = 0.5f;
        int[] candidates = {10, 100, 1000};
        try {
            for (int i = 0; i < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--faces" -> n = Integer.parseInt(v);
                    case "--dim" -> dim = Integer.parseInt(v);
                    case "--queries" -> queries = Integer.parseInt(v);
                    case "--plant-cosine" -> plantCos = Float.parseFloat(v);
                    case "--candidates" -> candidates = Arrays.stream(v.split(","))
                            .mapToInt(Integer::parseInt).toArray();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            out.println("usage: search-lucene [--faces 100000] [--dim 512] [--queries 200] [--plant-cosine 0.5] "
                    + "[--candidates 10,100,1000]");
            out.println(e.getMessage());
            return 2;
        }
        Path tmp = Files.createTempDirectory("facegate-lucene-");
        try (MMapDirectory dir = new MMapDirectory(tmp)) {
            SplittableRandom rnd = new SplittableRandom(42);
            int[] planted = new int[queries];
            float[][] probes = new float[queries][];
            for (int q = 0; q < queries; q++) {
                planted[q] = rnd.nextInt(n);
            }
            Arrays.sort(planted);
            long t0 = System.nanoTime();
            // One in-memory segment for the whole set: the graph is built once, as the engine's index is.
            IndexWriterConfig cfg = new IndexWriterConfig().setRAMBufferSizeMB(1900).setRAMPerThreadHardLimitMB(1945)
                    .setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH);
            try (IndexWriter w = new IndexWriter(dir, cfg)) {
                float[] v = new float[dim];
                for (int i = 0, q = 0; i < n; i++) {
                    SearchBench.unit(rnd, v);
                    Document d = new Document();
                    d.add(new KnnFloatVectorField("v", v.clone(), VectorSimilarityFunction.DOT_PRODUCT));
                    d.add(new StoredField("id", i));
                    w.addDocument(d);
                    while (q < queries && planted[q] == i) {
                        probes[q++] = SearchBench.near(rnd, v, plantCos);
                    }
                }
                w.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                double buildS = (System.nanoTime() - t0) / 1e9;
                IndexSearcher searcher = new IndexSearcher(reader);
                out.printf(Locale.ROOT, "built Lucene HNSW (%d segment(s)) with %d faces of %d dims in %.1f s%n",
                        reader.leaves().size(), n, dim, buildS);
                // HNSW trades recall for time through the candidate list (k, the search beam): measured at each.
                String last = "";
                for (int k : candidates) {
                    long[] lat = new long[queries];
                    int found = 0;
                    for (int pass = 0; pass < 2; pass++) { // the second pass is the warm one reported
                        for (int q = 0; q < queries; q++) {
                            long s = System.nanoTime();
                            TopDocs top = searcher.search(new KnnFloatVectorQuery("v", probes[q], k), 10);
                            lat[q] = System.nanoTime() - s;
                            if (pass == 0 && top.scoreDocs.length > 0) {
                                int id = searcher.storedFields().document(top.scoreDocs[0].doc).getField("id")
                                        .numericValue().intValue();
                                found += id == planted[q] ? 1 : 0;
                            }
                        }
                    }
                    Arrays.sort(lat);
                    double p50 = lat[queries / 2] / 1e6;
                    double p95 = lat[queries * 95 / 100] / 1e6;
                    out.printf(Locale.ROOT, "candidates %d: recall@1 of planted near-duplicates (cosine %.2f) %.4f;"
                            + " p50 %.2f ms p95 %.2f ms%n", k, plantCos, found / (double) queries, p50, p95);
                    last = String.format(Locale.ROOT, "candidates=%d p50_ms=%.2f p95_ms=%.2f recall=%.4f", k, p50, p95,
                            found / (double) queries);
                }
                System.gc();
                out.printf(Locale.ROOT, "search-lucene faces=%d %s build_s=%.1f rss_mb=%d%n", n, last, buildS,
                        SearchBench.rssMb());
            }
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}

package com.facegate.bench.engine;

import com.facegate.cloud.access.scale.FalseAcceptTable;
import com.facegate.engine.Similarity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the false-accept table the access handler ships ({@link FalseAcceptTable}): per-pair FAR with its 95 %
 * Wilson band and FRR at a grid of cosines from similarity 90 up to where no impostor pair is left, on the
 * engine's 0..100 scale.
 */
final class FarTableWriter {
    /** Cosine step of the grid: fine enough that neighbouring rows differ by well under a factor 2 in FAR. */
    private static final float STEP = 0.0025f;

    private FarTableWriter() {}

    /** {@code impostors} and {@code genuine} are cosines sorted ascending. */
    static void write(Path file, float[] impostors, float[] genuine, String data) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# FaceGate engine per-pair false-accept table (similarity = com.facegate.engine.Similarity)");
        lines.add("# generated " + LocalDate.now(ZoneOffset.UTC)
                + " by com.facegate.bench.engine.CalibrateBench --table");
        lines.add("# data: " + data + "; " + impostors.length + " cross-identity pairs (impostors), "
                + genuine.length + " same-identity pairs (genuine)");
        lines.add("# far = impostors_accepted / impostor_pairs at similarity >= score; band: 95 % Wilson;"
                + " frr = share of genuine pairs below score");
        lines.add(FalseAcceptTable.header());
        long lastAccepted = -1;
        for (float c = Similarity.toCosine(90f); c < 1f; c += STEP) {
            long accepted = (long) impostors.length - lowerBound(impostors, c);
            if (accepted == lastAccepted) {
                continue; // a row that measures nothing new would only repeat its neighbour
            }
            double[] band = FalseAcceptTable.wilson(accepted, impostors.length);
            lines.add(String.format(Locale.ROOT, "%.3f\t%d\t%d\t%.4e\t%.4e\t%.4e\t%.5f", Similarity.toScore(c),
                    accepted, impostors.length, accepted / (double) impostors.length, band[0], band[1],
                    lowerBound(genuine, c) / (double) genuine.length));
            lastAccepted = accepted;
            if (accepted == 0) {
                break;
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** First index with value >= c. */
    private static int lowerBound(float[] a, float c) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] < c) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }
}

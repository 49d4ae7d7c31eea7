package com.facegate.cloud.access.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The face engine's per-pair false-accept rate as a function of similarity, measured all-vs-all on labelled faces
 * (written by the bench module's {@code CalibrateBench --table}; the shipped copy's provenance is in its header lines).
 * Each row: a similarity on Rekognition's 0..100 scale, how many of the impostor pairs scored at or above it, the
 * rate with its 95 % Wilson band, and the share of genuine pairs below it (a single photo's false-reject rate).
 */
public final class FalseAcceptTable {
    /** The table generated from {@code ../shared/faces} and shipped with the handlers. */
    public static final String RESOURCE = "engine-far.tsv";

    /** One measured similarity. */
    public record Row(double score, long impostorsAccepted, long impostorPairs, double far, double farLow,
                      double farHigh, double frr) {}

    private final List<Row> rows;
    private final List<String> provenance;

    FalseAcceptTable(List<Row> rows, List<String> provenance) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("false-accept table has no rows");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).score() <= rows.get(i - 1).score() || rows.get(i).far() > rows.get(i - 1).far()) {
                throw new IllegalArgumentException("false-accept table rows must rise in score and fall in FAR (row "
                        + (i + 1) + ")");
            }
        }
        this.rows = List.copyOf(rows);
        this.provenance = List.copyOf(provenance);
    }

    /** The shipped table (engine similarity). */
    public static FalseAcceptTable shipped() {
        try (InputStream in = FalseAcceptTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("calibration resource " + RESOURCE + " missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the TSV written by the calibrate bench: {@code #} lines are provenance, then one row per line. */
    public static FalseAcceptTable parse(InputStream in) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> provenance = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.startsWith("#")) {
                provenance.add(line.substring(1).trim());
            } else if (!line.isBlank() && !line.startsWith("score")) {
                String[] f = line.trim().split("\t");
                if (f.length != 7) {
                    throw new IOException("false-accept table line " + lineNo + ": 7 tab-separated fields expected");
                }
                try {
                    rows.add(new Row(Double.parseDouble(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                            Double.parseDouble(f[6])));
                } catch (NumberFormatException e) {
                    throw new IOException("false-accept table line " + lineNo + ": not a number", e);
                }
            }
        }
        return new FalseAcceptTable(rows, provenance);
    }

    /** Header line of the TSV format. */
    public static String header() {
        return "score\timpostors_accepted\timpostor_pairs\tfar\tfar_low95\tfar_high95\tfrr";
    }

    /** 95 % Wilson score interval of k successes in n trials: {low, high}. */
    public static double[] wilson(long k, long n) {
        double z = 1.959964;
        double p = k / (double) n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    public List<Row> rows() {
        return rows;
    }

    public List<String> provenance() {
        return provenance;
    }

    /** The measured row at or just below {@code score} (the first row when the score is below the table). */
    public Row at(double score) {
        Row best = rows.get(0);
        for (Row row : rows) {
            if (row.score() <= score) {
                best = row;
            }
        }
        return best;
    }
}

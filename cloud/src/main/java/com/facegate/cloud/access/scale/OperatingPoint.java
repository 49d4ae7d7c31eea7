package com.facegate.cloud.access.scale;

/**
 * The similarity threshold that holds a door's stranger-accept rate per visit at its target, given how many enrolled
 * faces a stranger is compared with there. A stranger is accepted when any of N faces scores at or above the
 * threshold, so per visit FPIR = 1 − (1 − FAR_pair)^N and the per-pair rate needed is 1 − (1 − target)^(1/N):
 * the threshold rises with the gallery. The threshold is the lowest measured similarity whose per-pair FAR (point
 * estimate) is at or below that rate.
 *
 * @param threshold similarity to apply (0..100)
 * @param faces the number of enrolled faces compared with a stranger (N)
 * @param expectedFpir expected stranger-accept rate per visit at the threshold, with its 95 % band
 * @param expectedFrr share of single genuine comparisons below the threshold (first-try false-reject rate)
 * @param status whether the target can be held at a usable false-reject rate
 */
public record OperatingPoint(double target, int faces, double threshold, double expectedFpir, double fpirLow,
                             double fpirHigh, double expectedFrr, Status status) {
    /** Above this first-try false-reject rate a door is unusable: people would be turned away one visit in ten. */
    public static final double MAX_USABLE_FRR = 0.10;
    /** Never below this similarity, whatever the arithmetic says: one impostor pair in a thousand scores above it. */
    public static final double MIN_THRESHOLD = 90;

    public enum Status {
        /** The target is held, measured on the calibration data. */
        MET,
        /** The per-pair rate needed is below what the calibration data can measure (no impostor pair that high). */
        BEYOND_CALIBRATION,
        /** Holding the target would reject more than {@link #MAX_USABLE_FRR} of first tries. */
        UNUSABLE_FRR;

        /** True when the admin should add a second factor (badge card, PIN) at this door. */
        public boolean needsSecondFactor() {
            return this != MET;
        }
    }

    /** Per-pair FAR that gives {@code target} per visit against {@code faces} faces. */
    public static double pairFarFor(double target, int faces) {
        return -Math.expm1(Math.log1p(-target) / Math.max(1, faces));
    }

    /** Per-visit FPIR against {@code faces} faces at per-pair FAR {@code far}. */
    public static double fpirFor(double far, int faces) {
        return -Math.expm1(Math.max(1, faces) * Math.log1p(-Math.min(far, 1 - 1e-12)));
    }

    /** The operating point for {@code target} (0 < target < 1) against {@code faces} enrolled faces. */
    public static OperatingPoint of(FalseAcceptTable table, double target, int faces) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("false-accept target must be within (0, 1)");
        }
        double needed = pairFarFor(target, faces);
        FalseAcceptTable.Row chosen = null;
        for (FalseAcceptTable.Row row : table.rows()) {
            if (row.score() >= MIN_THRESHOLD && row.far() <= needed) {
                chosen = row;
                break;
            }
        }
        Status status;
        if (chosen == null) {
            chosen = table.rows().get(table.rows().size() - 1);
            status = Status.BEYOND_CALIBRATION;
        } else if (chosen.impostorsAccepted() == 0) {
            status = Status.BEYOND_CALIBRATION;
        } else {
            status = chosen.frr() > MAX_USABLE_FRR ? Status.UNUSABLE_FRR : Status.MET;
        }
        if (status == Status.BEYOND_CALIBRATION && chosen.frr() > MAX_USABLE_FRR) {
            status = Status.UNUSABLE_FRR;
        }
        return new OperatingPoint(target, faces, chosen.score(), fpirFor(chosen.far(), faces),
                fpirFor(chosen.farLow(), faces), fpirFor(chosen.farHigh(), faces), chosen.frr(), status);
    }
}

package com.facegate.bench.rush;

import com.facegate.protocol.Decision;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The rush's figures: per minute, denials by reason, the once-per-capture checks and the deadline checks. */
final class RushReport {
    /** What the checks found; the last line's fields. */
    record Summary(int visits, double decisionsPerS, double p95, double p99, int lost, int duplicates,
                   int unaudited, int grantedLate) {}

    private RushReport() {}

    /** Nearest-rank percentile of sorted nanosecond values, in ms (NaN for none). */
    static double percentileMs(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sortedNanos.size());
        return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, rank - 1))) / 1e6;
    }

    /**
     * Face-to-relay for a grant (face frame to relay high), face-to-decision for a deny; a capture whose decision
     * came after the door's deadline counts as missed, and a grant that opened after it as granted late.
     */
    static Summary print(PrintStream out, List<DoorLane.Visit> visits, Tally tally, long startNanos, long deadlineNanos,
            long notUploaded) {
        Map<Integer, List<Long>> perMinute = new TreeMap<>();
        Map<String, Integer> denials = new TreeMap<>();
        List<Long> all = new ArrayList<>();
        long firstFace = Long.MAX_VALUE;
        long lastDecision = 0;
        int lost = 0;
        int duplicates = 0;
        int unaudited = 0;
        int grantedLate = 0;
        int missedDeadline = 0;
        int decided = 0;
        for (Tally.Capture c : tally.captures()) {
            int n = c.decisions.get();
            if (n == 0) {
                lost++;
                denials.merge("NO_DECISION", 1, Integer::sum);
                continue;
            }
            duplicates += n > 1 ? 1 : 0;
            unaudited += c.outcomeAudits.get() == 1 ? 0 : 1;
            decided++;
            Decision d = c.decision;
            if (c.faceFrame == 0) {
                denials.merge("UNATTRIBUTED (no face frame matched the upload)", 1, Integer::sum);
                continue; // decided once and audited, but no face-to-relay time can be given
            }
            long end = d.isGrant() && c.relayHigh != 0 ? c.relayHigh : c.decided;
            long latency = end - c.faceFrame;
            if (c.decided - c.faceFrame > deadlineNanos) {
                missedDeadline++;
            }
            if (d.isGrant() && c.relayHigh != 0 && c.relayHigh - c.faceFrame > deadlineNanos) {
                grantedLate++;
            }
            if (!d.isGrant()) {
                denials.merge(d.reason(), 1, Integer::sum);
            }
            all.add(latency);
            perMinute.computeIfAbsent((int) ((c.faceFrame - startNanos) / 60_000_000_000L), k -> new ArrayList<>())
                    .add(latency);
            firstFace = Math.min(firstFace, c.faceFrame);
            lastDecision = Math.max(lastDecision, end);
        }
        if (notUploaded > 0) {
            denials.put("NOT_UPLOADED (no usable face at the door)", (int) notUploaded);
        }
        for (var e : perMinute.entrySet()) {
            List<Long> l = e.getValue();
            l.sort(null);
            out.printf(Locale.ROOT, "minute %d: decisions=%d face_to_relay p50_ms=%.0f p95_ms=%.0f p99_ms=%.0f%n",
                    e.getKey() + 1, l.size(), percentileMs(l, 50), percentileMs(l, 95), percentileMs(l, 99));
        }
        out.println("denials by reason: " + denials);
        out.printf("captures=%d decided=%d lost=%d duplicates=%d audit_records_not_exactly_one=%d%n",
                tally.captures().size(), decided, lost, duplicates, unaudited);
        out.printf("deadline: decided_after_deadline=%d granted_late=%d (the door ignores a decision past it)%n",
                missedDeadline, grantedLate);
        all.sort(null);
        double span = lastDecision > firstFace ? (lastDecision - firstFace) / 1e9 : Double.NaN;
        return new Summary(visits.size(), decided / span, percentileMs(all, 95), percentileMs(all, 99), lost,
                duplicates, unaudited, grantedLate);
    }
}

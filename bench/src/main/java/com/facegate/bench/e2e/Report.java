package com.facegate.bench.e2e;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** Per-stage percentiles and the correctness check of an end-to-end run. */
final class Report {
    private Report() {}

    /** Face-to-relay percentiles, GRANTs the door's deadline lost, and the report's last line. */
    record Summary(double p50, double p95, int grantsLost, String line) {}

    /** A door stops waiting for a decision this long after the capture (its default {@code decision.deadline}). */
    static final long DEADLINE_NANOS = 8_000_000_000L;

    static Summary print(PrintStream out, List<E2eBench.Result> results, float threshold) {
        out.println("stage      p50_ms   p95_ms   (spans measured from outside each part; they overlap slightly)");
        stage(out, results, "gate", t -> span(t.analyzeStart, t.analyzeEnd));
        stage(out, results, "encode", t -> span(t.faceFrame, t.analyzeStart));
        stage(out, results, "choose", t -> span(t.analyzeEnd, t.uploadStart));
        stage(out, results, "upload", t -> span(t.uploadStart, t.uploadEnd));
        // S3 may notify before the upload's response is read: such a notify counts as 0.
        stage(out, results, "notify", t -> t.handlerStart == 0 || t.uploadEnd == 0 ? -1
                : Math.max(0, t.handlerStart - t.uploadEnd));
        stage(out, results, "search", t -> t.handlerStart == 0 ? -1 : span(t.searchStart, t.searchEnd));
        stage(out, results, "decide", t -> t.handlerStart == 0 || t.publishEnd == 0 ? -1
                : (t.publishStart - t.handlerStart) - Math.max(0, t.searchEnd - t.searchStart));
        stage(out, results, "publish", t -> span(t.publishStart, t.publishEnd));
        stage(out, results, "deliver", t -> span(t.publishStart, t.received));
        stage(out, results, "relay", t -> span(t.received, t.relayHigh));

        calls(out, results);

        List<E2eBench.Result> granted = results.stream().filter(E2eBench.Result::granted).toList();
        long[] faceToRelay = granted.stream().mapToLong(r -> span(r.times().shown, r.times().relayHigh))
                .filter(v -> v >= 0).sorted().toArray();
        long[] faceToDecision = results.stream().mapToLong(r -> span(r.times().shown, r.times().received))
                .filter(v -> v >= 0).sorted().toArray();
        out.printf("face-to-relay (granted)    p50 %.1f ms  p95 %.1f ms  n=%d%n", pct(faceToRelay, 50),
                pct(faceToRelay, 95), faceToRelay.length);
        out.printf("face-to-decision (all)     p50 %.1f ms  p95 %.1f ms  n=%d%n", pct(faceToDecision, 50),
                pct(faceToDecision, 95), faceToDecision.length);

        int members = 0;
        int aboveThreshold = 0;
        int expected = 0;
        int expectedGranted = 0;
        int strangersGranted = 0;
        List<String> misses = new ArrayList<>();
        for (E2eBench.Result r : results) {
            if (r.visitor().member()) {
                members++;
                if (r.similarity() >= threshold) {
                    aboveThreshold++;
                    if (r.policyOk()) {
                        expected++;
                        if (r.granted()) {
                            expectedGranted++;
                        } else {
                            misses.add(r.visitor().badge() + " similarity " + r.similarity() + " denied "
                                    + r.reason());
                        }
                    }
                }
            } else if (r.granted()) {
                strangersGranted++;
            }
        }
        out.printf("members=%d above_threshold=%d of_those_passing_policies=%d granted_of_those=%d strangers=%d"
                + " strangers_granted=%d%n", members, aboveThreshold, expected, expectedGranted,
                results.size() - members, strangersGranted);
        misses.forEach(m -> out.println("  not granted although above threshold and passing policies: " + m));
        results.stream().filter(r -> !r.granted()).collect(java.util.stream.Collectors.groupingBy(
                E2eBench.Result::reason, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .forEach((reason, n) -> out.println("  denied " + reason + ": " + n));
        // Expected GRANTs the door did not act on because the decision came too late or not at all.
        int lost = (int) results.stream().filter(r -> r.visitor().member() && r.similarity() >= threshold
                && r.policyOk() && !r.granted() && (r.times().decision == null || (r.times().uploadEnd != 0
                && r.times().received - r.times().uploadEnd > DEADLINE_NANOS))).count();
        out.printf("grants lost to the door's deadline: %d%n", lost);
        String line = String.format(java.util.Locale.ROOT, "e2e visits=%d granted=%d denied=%d p50_ms=%.1f"
                + " p95_ms=%.1f grants_lost=%d", results.size(), granted.size(), results.size() - granted.size(),
                pct(faceToRelay, 50), pct(faceToRelay, 95), lost);
        out.println(line);
        return new Summary(pct(faceToRelay, 50), pct(faceToRelay, 95), lost, line);
    }

    /** The cloud's SDK calls per visit, by operation: how many, how long, and when they start in the handler. */
    private static void calls(PrintStream out, List<E2eBench.Result> results) {
        java.util.Map<String, List<StageClock.Call>> byName = new java.util.TreeMap<>();
        results.forEach(r -> r.times().calls.forEach(c -> byName.computeIfAbsent(c.name(), k -> new ArrayList<>())
                .add(c)));
        out.println("cloud call                      per_visit  p50_ms  p95_ms  starts_p50_ms (after handler start)");
        byName.forEach((name, list) -> {
            long[] took = list.stream().mapToLong(StageClock.Call::nanos).sorted().toArray();
            long[] at = list.stream().mapToLong(StageClock.Call::startAfterHandler).sorted().toArray();
            out.printf("  %-29s %6.1f  %6.1f  %6.1f  %6.1f%n", name, (double) list.size() / results.size(),
                    pct(took, 50), pct(took, 95), pct(at, 50));
        });
    }

    private static void stage(PrintStream out, List<E2eBench.Result> results, String name,
                              ToLongFunction<StageClock.Visit> nanos) {
        long[] v = results.stream().map(E2eBench.Result::times).mapToLong(nanos).filter(x -> x >= 0).sorted()
                .toArray();
        out.printf("%-9s %7.1f  %7.1f   n=%d%n", name, pct(v, 50), pct(v, 95), v.length);
    }

    private static long span(long from, long to) {
        return from == 0 || to == 0 ? -1 : to - from;
    }

    /** Nearest-rank percentile in milliseconds; NaN when there is no sample. */
    static double pct(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(idx, sortedNanos.length - 1))] / 1e6;
    }
}

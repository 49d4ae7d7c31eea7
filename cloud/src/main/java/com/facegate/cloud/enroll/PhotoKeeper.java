package com.facegate.cloud.enroll;

import com.facegate.cloud.registry.PhotoEnrollment;
import java.util.Comparator;
import java.util.List;

/**
 * Which photos a badge keeps: the best {@code max} by quality score (the search scores a person by their best face,
 * so more good photos lower the false-reject rate; docs/face-engine.md "Site size"). A photo that passes every
 * check while the badge holds its maximum replaces the kept photo with the lowest score when it scores higher, and
 * is refused when it does not, so re-enrollment only ever improves the set. Kept photos beyond the maximum (photos
 * delivered at the same moment, or a lowered setting) are replaced too when a better photo comes. A kept photo
 * without a score (a record from before scores were kept) counts as the lowest.
 */
final class PhotoKeeper {
    enum Kind { ADD, REPLACE, REFUSE }

    /** What to do with the new photo; {@code replaced}: the kept photos it takes the place of (REPLACE only). */
    record Outcome(Kind kind, List<PhotoEnrollment> replaced) {}

    /** Lowest score first; ties: the older photo first, so the choice is the same on a retry. */
    private static final Comparator<PhotoEnrollment> WORST_FIRST = Comparator.comparingDouble(PhotoKeeper::quality)
            .thenComparing(PhotoEnrollment::at, Comparator.nullsFirst(Comparator.naturalOrder()));

    private PhotoKeeper() {}

    /**
     * @param kept the badge's enrolled photos other than the new one
     * @param max photos kept per badge (at least 1)
     * @param quality the new photo's score
     */
    static Outcome decide(List<PhotoEnrollment> kept, int max, double quality) {
        if (kept.size() < max) {
            return new Outcome(Kind.ADD, List.of());
        }
        List<PhotoEnrollment> worstFirst = kept.stream().sorted(WORST_FIRST).toList();
        // Room for the new photo: every kept photo beyond the best max - 1.
        List<PhotoEnrollment> out = worstFirst.subList(0, kept.size() - max + 1);
        return quality > quality(out.get(out.size() - 1)) ? new Outcome(Kind.REPLACE, List.copyOf(out))
                : new Outcome(Kind.REFUSE, List.of());
    }

    static double quality(PhotoEnrollment e) {
        return e.quality() == null ? Double.NEGATIVE_INFINITY : e.quality();
    }
}

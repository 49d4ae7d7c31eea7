package com.facegate.cli.admin;

import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.console.web.ReasonWords;
import java.util.List;
import java.util.function.Function;

/** The quality gate's reason codes, with what the admin should do about each (the console's words). */
final class EnrollmentHints {
    private EnrollmentHints() {}

    /** {@code OK  face 1a2b...}, {@code REJECTED  BLURRY (blurry: hold still, focus), ...} or {@code REPLACED  by}. */
    static String outcome(PhotoEnrollment e) {
        return outcome(e, EnrollmentHints::fileName);
    }

    /** As {@link #outcome(PhotoEnrollment)}; {@code photoName}: how to name the better photo, by its key. */
    static String outcome(PhotoEnrollment e, Function<String, String> photoName) {
        if (e.status() == PhotoEnrollment.Status.ENROLLED) {
            return "OK        face " + e.faceId();
        }
        if (e.status() == PhotoEnrollment.Status.REPLACED) {
            return "REPLACED  by " + (e.replacedBy() == null ? "a better photo" : photoName.apply(e.replacedBy()))
                    + " (scored higher; this photo and its face are deleted)";
        }
        return "REJECTED  " + explain(e.reasons())
                + (e.duplicateOfBadge() == null ? "" : " (badge " + e.duplicateOfBadge() + ")");
    }

    /** The last part of a photo key ({@code photo-1a2b....jpg}), on one line. */
    static String fileName(String photoKey) {
        return Table.oneLine(photoKey.substring(photoKey.lastIndexOf('/') + 1));
    }

    static String explain(List<String> reasons) {
        if (reasons.isEmpty()) {
            return "no reason given";
        }
        return ReasonWords.enrollment(reasons.stream().map(Table::oneLine).toList());
    }
}

package com.facegate.cli.admin;

import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.console.web.ReasonWords;
import java.util.List;

/** The quality gate's reason codes, with what the admin should do about each (the console's words). */
final class EnrollmentHints {
    private EnrollmentHints() {}

    /** {@code OK  face 1a2b...} or {@code REJECTED  BLURRY (blurry: hold still, focus), ...}. */
    static String outcome(PhotoEnrollment e) {
        if (e.status() == PhotoEnrollment.Status.ENROLLED) {
            return "OK        face " + e.faceId();
        }
        return "REJECTED  " + explain(e.reasons())
                + (e.duplicateOfBadge() == null ? "" : " (badge " + e.duplicateOfBadge() + ")");
    }

    static String explain(List<String> reasons) {
        if (reasons.isEmpty()) {
            return "no reason given";
        }
        return ReasonWords.enrollment(reasons.stream().map(Table::oneLine).toList());
    }
}

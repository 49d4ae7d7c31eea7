package com.facegate.console.pages;

import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.PhotoEnrollment;
import java.time.Instant;
import java.util.List;

/** A badge as the people pages show it: effective state, consent, and its photos' enrollment outcomes. */
public record PersonRow(Badge badge, String state, String groups, String validFrom, String validUntil,
                        String consentNotice, String enrolledBy, List<PhotoRow> photos) {

    public static PersonRow of(Badge b, List<PhotoRow> photos, Instant now) {
        return new PersonRow(b, b.stateAt(now), String.join(", ", b.groups()), Times.day(b.validFrom()),
                Times.day(b.validUntil()), b.consent() == null ? "none" : b.consent().noticeVersion(),
                b.consent() == null ? "" : b.consent().enrolledBy(), photos);
    }

    /** {@code 1 ENROLLED, 1 REJECTED, 1 REPLACED} or {@code no photo}. */
    public String enrollment() {
        if (photos.isEmpty()) {
            return "no photo";
        }
        StringBuilder sb = new StringBuilder();
        for (String s : List.of(PhotoEnrollment.Status.ENROLLED.name(), PhotoEnrollment.Status.REJECTED.name(),
                PhotoEnrollment.Status.REPLACED.name(), PhotoRow.PENDING)) {
            long n = photos.stream().filter(p -> p.status().equals(s)).count();
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(s);
            }
        }
        return sb.toString();
    }
}

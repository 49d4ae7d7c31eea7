package com.facegate.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.console.web.ReasonWords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The person page's summary of a badge's photos names a replaced photo as such, never as enrolled or rejected. */
class PersonRowTest {
    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void aReplacedPhotoIsCountedAsReplacedAndSaysWhichPhotoTookItsPlace() {
        Badge b = new Badge("B-1", "Ana", List.of("staff"), NOW.minusSeconds(3600), NOW.plusSeconds(3600),
                Badge.Status.ACTIVE, new Consent(NOW, "v3", "desk"));
        String words = ReasonWords.replacedBy("enroll/B-1/photo-better.jpg");
        PersonRow row = PersonRow.of(b, List.of(
                new PhotoRow("photo-better.jpg", PhotoEnrollment.Status.ENROLLED.name(), "", ""),
                new PhotoRow("photo-worse.jpg", PhotoEnrollment.Status.REPLACED.name(), words, ""),
                new PhotoRow("photo-new.jpg", PhotoRow.PENDING, "", "")), NOW);

        assertThat(row.enrollment()).isEqualTo("1 ENROLLED, 1 REPLACED, 1 PENDING");
        assertThat(words).contains("replaced by a better photo (photo-better.jpg)").doesNotContain("enroll/B-1/");
        assertThat(ReasonWords.replacedBy(null)).startsWith("replaced by a better photo:");
    }
}

package com.facegate.console.pages;

import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.console.web.ReasonWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One enrollment photo of a badge: its short name, ENROLLED / REJECTED / REPLACED / PENDING, and its reasons. */
public record PhotoRow(String photo, String status, String reasons, String at) {
    public static final String PENDING = "PENDING";

    /**
     * A badge's photos: every uploaded photo ({@code enroll/...} keys) with its outcome, PENDING while it has none,
     * then the outcomes whose photo is gone (enrolled photos may be deleted after indexing).
     */
    static List<PhotoRow> of(List<String> photoKeys, List<PhotoEnrollment> outcomes) {
        Map<String, PhotoEnrollment> byKey = new LinkedHashMap<>();
        outcomes.forEach(e -> byKey.putIfAbsent(e.photoKey(), e));
        List<PhotoRow> rows = new ArrayList<>();
        for (String key : photoKeys) {
            rows.add(row(key, byKey.remove(key)));
        }
        byKey.forEach((key, e) -> rows.add(row(key, e)));
        return List.copyOf(rows);
    }

    private static PhotoRow row(String key, PhotoEnrollment e) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (e == null) {
            return new PhotoRow(name, PENDING, "waiting for the enrollment check", "");
        }
        String reasons = e.status() == PhotoEnrollment.Status.REPLACED ? ReasonWords.replacedBy(e.replacedBy())
                : ReasonWords.enrollment(e.reasons())
                + (e.duplicateOfBadge() == null ? "" : " (badge " + e.duplicateOfBadge() + ")");
        return new PhotoRow(name, e.status().name(), reasons, Times.second(e.at()));
    }
}

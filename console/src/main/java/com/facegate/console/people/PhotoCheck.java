package com.facegate.console.people;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.console.web.Guard;
import com.facegate.console.web.ReasonWords;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /people/photo-check}: the enrollment gate's verdict on a webcam still before it is submitted (one
 * face, pose, size, sharpness, brightness), as JSON for console.js. The gate's own rules and words
 * ({@link BadgeAdmin#checkPhoto}); the photo is not stored and not logged.
 */
public final class PhotoCheck {
    private final BadgeAdmin admin;

    public PhotoCheck(BadgeAdmin admin) {
        this.admin = admin;
    }

    public void check(Context ctx) {
        Guard.requireAdmin(ctx);
        byte[] photo = ctx.bodyAsBytes();
        List<String> problems;
        if (photo.length == 0) {
            problems = List.of("no image in the request");
        } else if (photo.length > CloudConfig.MAX_IMAGE_BYTES) {
            problems = List.of(ReasonWords.enrollment(List.of(EnrollmentReasons.IMAGE_TOO_LARGE)));
        } else {
            problems = admin.checkPhoto(photo).stream().map(r -> ReasonWords.enrollment(List.of(r))).toList();
        }
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ok", problems.isEmpty());
            answer.put("problems", problems);
            ctx.contentType("application/json").result(MessageCodec.mapper().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("photo check answer not written", e);
        }
    }
}

package com.facegate.console.pages;

import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.BadgeIds;
import com.facegate.console.web.Guard;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.DoorIds;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.regex.Pattern;

/**
 * Face images for reviewers, served by the console itself rather than as presigned S3 URLs: the role check runs on
 * every fetch (a presigned URL works for whoever holds it until it expires), the CSP keeps {@code img-src 'self'}
 * (no S3 endpoint to allow, local or AWS), and a capture deleted by the bucket's retention rule is simply gone
 * (404). Admins only; {@code no-store}, like every console answer. Never logged.
 */
public final class SnapshotImages {
    /** Rekognition face ids are UUIDs; anything else names no face. */
    private static final Pattern FACE_ID = Pattern.compile("[0-9a-fA-F-]{8,64}");

    private final BadgeAdmin admin;

    public SnapshotImages(BadgeAdmin admin) {
        this.admin = admin;
    }

    /** {@code GET /events/snapshot/{door}/{capture}}: the door's capture of a decision, while retained. */
    public void capture(Context ctx) {
        Guard.requireAdmin(ctx);
        String door = ctx.pathParam("door");
        String capture = ctx.pathParam("capture");
        if (!DoorIds.isValid(door) || !CaptureKey.isValidCaptureId(capture)) {
            throw new NotFoundResponse("no such capture");
        }
        byte[] jpeg = admin.capture(new CaptureKey(door, capture))
                .orElseThrow(() -> new NotFoundResponse("capture no longer retained"));
        ctx.contentType("image/jpeg").result(jpeg);
    }

    /** {@code GET /people/{badge}/faces/{face}}: the enrollment photo a decision matched, while stored. */
    public void enrolled(Context ctx) {
        Guard.requireAdmin(ctx);
        String badge = ctx.pathParam("badge");
        String face = ctx.pathParam("face");
        if (!BadgeIds.isValid(badge) || !FACE_ID.matcher(face).matches()) {
            throw new NotFoundResponse("no such face");
        }
        byte[] photo = admin.enrolledPhoto(badge, face)
                .orElseThrow(() -> new NotFoundResponse("enrolled photo not stored"));
        ctx.contentType(photo.length > 1 && photo[0] == (byte) 0x89 ? "image/png" : "image/jpeg").result(photo);
    }

    /** The snapshot path of a decision, or empty when it has no capture. */
    static String capturePath(String door, String capture) {
        return door == null || capture == null || !DoorIds.isValid(door) || !CaptureKey.isValidCaptureId(capture) ? ""
                : "/events/snapshot/" + door + "/" + capture;
    }

    /** The matched enrolled photo's path, or empty. */
    static String facePath(String badge, String face) {
        return badge == null || face == null || !BadgeIds.isValid(badge) || !FACE_ID.matcher(face).matches() ? ""
                : "/people/" + badge + "/faces/" + face;
    }
}

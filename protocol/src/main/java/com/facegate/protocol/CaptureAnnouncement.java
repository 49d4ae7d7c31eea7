package com.facegate.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A door's word that a capture is in S3, on {@code facegate/doors/{doorId}/captures}, published after the upload
 * completed: the cloud decides it at once instead of waiting for the S3 event (which AWS documents as typically
 * seconds, sometimes a minute or longer). It is a hint, never a credential: the cloud decides only an object that
 * exists at {@link #key} (this door's own capture key) with the {@link #eTag} announced, and its decision ledger
 * lets the announcement and the S3 event decide a capture once between them. Valid from {@code issuedAt} until
 * {@code expiresAt} (the door's decision deadline), at most {@link Validity#MAX} apart.
 */
public record CaptureAnnouncement(
        int schemaVersion,
        String id,
        String doorId,
        String captureId,
        String key,
        String eTag,
        String versionId,
        Instant issuedAt,
        Instant expiresAt) implements Message {

    /** An S3 ETag, quoted or not: hex digits (a multipart upload adds {@code -N}); nothing else is echoed. */
    private static final Pattern ETAG = Pattern.compile("\"?[0-9A-Fa-f]{8,64}(-[0-9]{1,5})?\"?");
    /** S3 version ids are up to 1024 URL-safe characters; "null" is S3's own id of an unversioned object. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+=/-]{1,1024}");

    public static CaptureAnnouncement of(CaptureKey capture, String eTag, String versionId, Instant now,
                                         Duration ttl) {
        return new CaptureAnnouncement(SCHEMA_VERSION, Checks.newId(), capture.doorId(), capture.captureId(),
                capture.key(), eTag, versionId, now, now.plus(ttl));
    }

    @Override
    public List<Problem> violations() {
        Checks c = Checks.of(this);
        if (!CaptureKey.isValidCaptureId(captureId)) {
            c.add("captureId", captureId == null ? "missing" : "invalid");
        }
        if (key == null) {
            c.add("key", "missing");
        } else if (!DoorIds.isValid(doorId) || !CaptureKey.isValidCaptureId(captureId)
                || !new CaptureKey(doorId, captureId).key().equals(key)) {
            c.add("key", "not captures/{doorId}/{captureId}.jpg of this door and capture");
        }
        if (eTag == null) {
            c.add("eTag", "missing");
        } else if (!ETAG.matcher(eTag).matches()) {
            c.add("eTag", "not an S3 ETag");
        }
        if (versionId != null && !VERSION.matcher(versionId).matches()) {
            c.add("versionId", "not an S3 version id");
        }
        return c.window(issuedAt, expiresAt, "issuedAt", "expiresAt", Validity.MAX).done();
    }

    /** The capture this announces; only for a valid announcement. */
    public CaptureKey capture() {
        return new CaptureKey(doorId, captureId);
    }
}

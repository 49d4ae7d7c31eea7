package com.facegate.gallery;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.AccessRules;
import com.facegate.cloud.registry.BadDocuments;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Sanitize;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Publishes each door's offline gallery, {@code galleries/{doorId}.bin}: the face templates of the badges allowed
 * at that door right now (active, valid, in a door group, inside a schedule window), computed with FaceGate's
 * engine from the enrollment photos and encrypted with the door's own key. Republished periodically, so that a
 * revocation, an erasure or a schedule boundary reaches the gallery within one period; a door fetches it at start
 * and on RESYNC. Amazon Rekognition does not export face vectors, so the same engine that runs on the door computes
 * the templates: in AWS from a scheduled Lambda ({@link GalleryPublishHandler}), in the local stack from a timer.
 */
public final class GalleryPublisher implements AutoCloseable {
    public static final String PREFIX = "galleries/";
    /** The audit reason of a door whose gallery could not be replaced and carries a badge no longer allowed. */
    public static final String STALE = "GALLERY_STALE";
    private static final Logger LOG = LoggerFactory.getLogger(GalleryPublisher.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final S3Client s3;
    private final String bucket;
    private final Registry registry;
    private final FaceEngine engine;
    private final DoorKeys keys;
    private final Clock clock;
    private final AuditWriter audit;
    /** Per door, the badges of the gallery last published by this publisher (to see when one went stale). */
    private final Map<String, GalleryState> carried = new ConcurrentHashMap<>();
    /** Templates by photo key + ETag: an enrollment photo is analysed once, not at every publication. */
    private final Map<String, float[]> templates = new ConcurrentHashMap<>();
    /** Set by {@link #close()}: a round in progress stops between badges and publishes nothing partial. */
    private volatile boolean closing;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gallery-publisher");
        t.setDaemon(true);
        return t;
    });

    public GalleryPublisher(S3Client s3, String bucket, FaceEngine engine, DoorKeys keys, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.audit = new AuditWriter(s3, bucket, clock, AwsRetries.standard());
        this.registry = new Registry(s3, bucket, clock, Duration.ZERO)
                .onBadDocument(bad -> audit.write(BadDocuments.fault(bad, clock.instant())));
        this.engine = engine;
        this.keys = keys;
        this.clock = clock;
    }

    /** What a door's last gallery from here carried, and when it was made. */
    private record GalleryState(Instant at, Set<String> badges) {}

    public static String objectKey(String doorId) {
        return PREFIX + doorId + ".bin";
    }

    /** Republishes every door's gallery each {@code period}, starting now. */
    public GalleryPublisher every(Duration period) {
        // Nothing waits on the schedule: publishAllQuietly logs its own failures, close() ends it.
        var unused = timer.scheduleWithFixedDelay(this::publishAllQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void publishAllQuietly() {
        try {
            Outcome o = publishAll();
            if (!o.failed().isEmpty()) {
                LOG.warn("gallery publication failed for door(s) {}, keeping their previous galleries", o.failed());
            }
        } catch (RuntimeException e) {
            LOG.warn("gallery publication failed, keeping the previous galleries: {}", e.toString());
        }
    }

    /** What one round published: doors done, and doors whose gallery could not be made (kept as they were). */
    public record Outcome(List<String> published, List<String> failed) {}

    /**
     * Publishes the gallery of every registered door that has a key (a provisioned door). One door's failure
     * (an unreadable key, say) does not hold back the others; it is reported in the outcome.
     */
    public Outcome publishAll() {
        List<String> published = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Round round = new Round();
        for (Door door : registry.doors()) {
            if (closing) {
                break;
            }
            String id = door.doorId();
            try {
                if (keys.existing(id).isPresent() && publish(id, round).isPresent()) {
                    published.add(id);
                }
            } catch (RuntimeException e) {
                LOG.warn("gallery of door {} not published: {}", id, e.toString());
                failed.add(Sanitize.forLog(id));
                alarmIfStale(door);
            }
        }
        return new Outcome(List.copyOf(published), List.copyOf(failed));
    }

    /**
     * The door's gallery could not be replaced: if it still carries a badge that may no longer open the door
     * (revoked, expired, moved out of its groups), that door grants it offline until a gallery gets through. An
     * alarm, not a warning: audit FAULT {@code GALLERY_STALE} and an ERROR line, each round until it is fixed.
     */
    private void alarmIfStale(Door door) {
        GalleryState last = carried.get(door.doorId());
        if (last == null) {
            return;
        }
        try {
            Instant now = clock.instant();
            long stale = registry.badges().stream().filter(b -> last.badges().contains(b.badgeId()))
                    .filter(b -> AccessRules.denyReason(b, door, now).isPresent()).count();
            if (stale == 0) {
                return;
            }
            LOG.error("gallery of door {} (made {}) still carries {} badge(s) no longer allowed there",
                    door.doorId(), last.at(), stale);
            audit.write(AuditEvent.of(door.doorId(), AuditEvent.Type.FAULT, AuditEvent.SOURCE_CLOUD, now)
                    .withReason(STALE).withDetails(Map.of("galleryAt", last.at().toString(),
                            "badgesNoLongerAllowed", Long.toString(stale))));
        } catch (RuntimeException e) {
            LOG.error("gallery of door {} may be stale and could not be checked: {}", door.doorId(), e.toString());
        }
    }

    /**
     * What one round reads once for all its doors: every badge's enrollment records (one listing, not one per badge
     * per door) and each enrollment photo's template (one GET per photo, not one per door). With 20 doors and 500
     * badges a round was 10,000 listings and as many photo GETs, each listing a new TLS connection locally (its
     * answer is chunked); now it is one listing and 500 GETs. The registry is as of the round's start, as before
     * to within the round's own duration.
     */
    private final class Round {
        private Map<String, List<PhotoEnrollment>> enrollments;
        private final Map<String, Optional<float[]>> photos = new HashMap<>();

        List<PhotoEnrollment> enrollments(String badgeId) {
            if (enrollments == null) {
                enrollments = registry.enrollmentsByBadge();
            }
            return enrollments.getOrDefault(badgeId, List.of());
        }

        Optional<float[]> template(String photoKey) {
            return photos.computeIfAbsent(photoKey, GalleryPublisher.this::template);
        }
    }

    /** Publishes one door's gallery; empty when the door is unknown or has no key. */
    public Optional<Gallery> publish(String doorId) {
        return publish(doorId, new Round());
    }

    private synchronized Optional<Gallery> publish(String doorId, Round round) {
        Optional<Door> door = registry.door(doorId);
        Optional<byte[]> key = keys.existing(doorId);
        if (door.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<float[]>> badges = new LinkedHashMap<>();
        // The door decides offline by face alone: a door that asks for a card or PIN at any time of its week gets
        // an empty gallery, so that offline it opens for nobody rather than for a photo (fail secure).
        List<Badge> candidates = door.get().takesSecondFactor() ? List.of() : registry.badges();
        for (Badge badge : candidates) {
            if (closing) {
                return Optional.empty(); // shutting down: the door keeps its last whole gallery
            }
            if (AccessRules.denyReason(badge, door.get(), clock.instant()).isPresent()) {
                continue;
            }
            List<float[]> faces = new ArrayList<>();
            for (PhotoEnrollment e : round.enrollments(badge.badgeId())) {
                if (e.status() == PhotoEnrollment.Status.ENROLLED) {
                    round.template(e.photoKey()).ifPresent(faces::add);
                }
            }
            if (!faces.isEmpty()) {
                badges.put(badge.badgeId(), faces);
            }
        }
        Instant at = clock.instant();
        Gallery gallery = new Gallery(doorId, at, engine.embeddingSize(), badges, ModeTimeline.of(door.get(), at),
                ModeTimeline.until(at));
        try {
            s3.putObject(b -> b.bucket(bucket).key(objectKey(doorId)).contentType("application/octet-stream"),
                    RequestBody.fromBytes(GalleryCodec.encrypt(gallery, key.get())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the gallery of door " + Sanitize.forLog(doorId), e);
        }
        carried.put(doorId, new GalleryState(gallery.generatedAt(), Set.copyOf(badges.keySet())));
        LOG.info("gallery of door {} published: {} badge(s), {} template(s)", doorId,
                badges.size(), gallery.templates());
        return Optional.of(gallery);
    }

    private Optional<float[]> template(String photoKey) {
        ResponseBytes<GetObjectResponse> photo;
        try {
            photo = s3.getObjectAsBytes(b -> b.bucket(bucket).key(photoKey));
        } catch (RuntimeException e) {
            LOG.warn("enrollment photo {} unreadable: {}", photoKey, e.toString());
            return Optional.empty();
        }
        String cacheKey = photoKey + "@" + photo.response().eTag();
        float[] cached = templates.get(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            List<Face> faces = engine.analyze(photo.asByteArray(), FaceEngine.Detail.DEFAULT);
            if (faces.isEmpty()) {
                return Optional.empty();
            }
            float[] embedding = faces.get(0).embedding();
            templates.put(cacheKey, embedding);
            return Optional.of(embedding);
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
    }

    /**
     * Lets a round in progress stop at its next badge before the S3 client goes (the owner closes it next), rather
     * than interrupting an S3 call mid-way, which logged aborted registry reads for every door at each shutdown.
     */
    @Override
    public void close() {
        closing = true;
        timer.shutdown();
        try {
            if (!timer.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("gallery round still running after {} ms at shutdown; interrupting it", CLOSE_WAIT.toMillis());
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package com.facegate.cloud.registry;

import com.facegate.protocol.Failures;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Sanitize;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The employee/door registry: JSON documents in S3 under {@code registry/}. Reads are cached per container and
 * revalidated with the ETag ({@code If-None-Match}; 304 keeps the cached copy) every time unless a document is
 * younger than {@code freshFor} (default zero), so a revocation is seen on the very next visit. A listing
 * revalidates with the ETags it returns instead (no GET for a document whose ETag is unchanged).
 */
public final class Registry {
    public static final String PREFIX = "registry/";
    public static final String BADGES = PREFIX + "badges/";
    public static final String DOORS = PREFIX + "doors/";
    public static final String GROUPS = PREFIX + "groups/";
    public static final String ENROLLMENT = PREFIX + "enrollment/";

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    /**
     * One document of a listing by its key: {@code document} is null when it could not be read (a bad document,
     * skipped and reported as every listing does, or one deleted since the listing).
     */
    public record Listed<T>(String key, T document) {}

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper mapper = MessageCodec.mapper();
    private final DocumentDecoder decoder = new DocumentDecoder();
    private final DocumentCache cache;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile Consumer<BadDocumentException> badDocuments = e -> { };

    public Registry(S3Client s3, String bucket, Clock clock, Duration freshFor) {
        this.s3 = s3;
        this.bucket = bucket;
        this.cache = new DocumentCache(s3, bucket, clock, freshFor);
    }

    public static String badgeKey(String badgeId) {
        return BADGES + BadgeIds.require(badgeId) + ".json";
    }

    public static String doorKey(String doorId) {
        return DOORS + com.facegate.protocol.DoorIds.require(doorId) + ".json";
    }

    public static String enrollmentPrefix(String badgeId) {
        return ENROLLMENT + BadgeIds.require(badgeId) + "/";
    }

    public static String enrollmentKey(String badgeId, String photoKey) {
        return enrollmentPrefix(badgeId) + photoHash(photoKey) + ".json";
    }

    /** A stable, name-free reference to a photo key (file names may carry a person's name). */
    public static String photoHash(String photoKey) {
        return sha256(photoKey).substring(0, 32);
    }

    public Optional<Badge> badge(String badgeId) {
        return BadgeIds.isValid(badgeId) ? read(badgeKey(badgeId), Badge.class) : Optional.empty();
    }

    public Optional<Door> door(String doorId) {
        return com.facegate.protocol.DoorIds.isValid(doorId) ? read(doorKey(doorId), Door.class) : Optional.empty();
    }

    public void putBadge(Badge badge) {
        write(badgeKey(badge.badgeId()), badge);
    }

    public void putDoor(Door door) {
        write(doorKey(door.doorId()), door);
    }

    /**
     * Writes a new door's document only if no door has its id ({@code If-None-Match: *}): of two admins creating
     * the same id at once exactly one wins. False: the id is taken, nothing written.
     */
    public boolean createDoor(Door door) {
        String key = doorKey(door.doorId());
        try {
            byte[] body = mapper.writeValueAsBytes(door);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json").ifNoneMatch("*"),
                    RequestBody.fromBytes(body));
            cache.forget(key);
            return true;
        } catch (S3Exception e) {
            // 412: the key exists; 409 ConditionalRequestConflict: a concurrent conditional write to it.
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                cache.forget(key);
                return false;
            }
            throw new RegistryUnavailableException("cannot write " + Sanitize.forLog(key), e);
        } catch (IOException | SdkException e) {
            throw new RegistryUnavailableException("cannot write " + Sanitize.forLog(key), e);
        }
    }

    public void putGroup(Group group) {
        write(GROUPS + BadgeIds.require(group.name()) + ".json", group);
    }

    public void putEnrollment(PhotoEnrollment e) {
        write(enrollmentKey(e.badgeId(), e.photoKey()), e);
    }

    public Optional<PhotoEnrollment> enrollment(String badgeId, String photoKey) {
        return read(enrollmentKey(badgeId, photoKey), PhotoEnrollment.class);
    }

    public List<PhotoEnrollment> enrollments(String badgeId) {
        return readAll(enrollmentPrefix(badgeId), PhotoEnrollment.class);
    }

    /**
     * Every photo's enrollment outcome, of every badge: one listing of {@link #ENROLLMENT} (only new or changed
     * documents are fetched), where a badge at a time would be one listing per badge.
     */
    public List<PhotoEnrollment> allEnrollments() {
        return readAll(ENROLLMENT, PhotoEnrollment.class);
    }

    /**
     * The same one listing as {@link #allEnrollments}, keeping every record's key, also of those that cannot be
     * read: for counts that must not fall because a record is bad.
     */
    public List<Listed<PhotoEnrollment>> enrollmentListing() {
        return listing(ENROLLMENT, PhotoEnrollment.class);
    }

    /**
     * Every badge's readable enrollment records by the badge folder each is stored under, from the same one listing:
     * for a caller that would otherwise list {@link #enrollments} badge by badge.
     */
    public Map<String, List<PhotoEnrollment>> enrollmentsByBadge() {
        Map<String, List<PhotoEnrollment>> out = new HashMap<>();
        for (Listed<PhotoEnrollment> l : enrollmentListing()) {
            int slash = l.key().indexOf('/', ENROLLMENT.length());
            if (l.document() != null && slash > ENROLLMENT.length()) {
                out.computeIfAbsent(l.key().substring(ENROLLMENT.length(), slash), b -> new ArrayList<>())
                        .add(l.document());
            }
        }
        return out;
    }

    public List<Badge> badges() {
        return readAll(BADGES, Badge.class);
    }

    public List<Door> doors() {
        return readAll(DOORS, Door.class);
    }

    public List<Group> groups() {
        return readAll(GROUPS, Group.class);
    }

    /** Deletes one document (idempotent) and forgets it. */
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new RegistryUnavailableException("cannot delete " + Sanitize.forLog(key), e);
        }
        cache.forget(key);
    }

    /** Keys under a registry prefix (all pages). */
    public List<String> keys(String prefix) {
        return objects(prefix).stream().map(S3Object::key).toList();
    }

    private List<S3Object> objects(String prefix) {
        try {
            return new ArrayList<>(s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                    .stream().toList());
        } catch (SdkException e) {
            throw new RegistryUnavailableException("cannot list " + Sanitize.forLog(prefix), e);
        }
    }

    /**
     * Who hears of a bad document a listing skipped (the admin, the gallery publisher: an audit record). Called
     * once per document content per registry; a listener's failure is logged, never breaks the listing.
     */
    public Registry onBadDocument(Consumer<BadDocumentException> listener) {
        this.badDocuments = listener;
        return this;
    }

    /**
     * Every good document under the prefix; a bad one is skipped and reported, and breaks nothing else. The listing
     * carries each object's ETag: a cached copy with that ETag is the current content, so only new or changed
     * documents are fetched (a listing of 5,000 badges is a few LIST calls, not 5,000 conditional GETs).
     */
    private <T> List<T> readAll(String prefix, Class<T> type) {
        return listing(prefix, type).stream().map(Listed::document).filter(Objects::nonNull)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** Every {@code .json} key under the prefix with its document as {@link #readAll} reads it (null: unreadable). */
    private <T> List<Listed<T>> listing(String prefix, Class<T> type) {
        List<Listed<T>> out = new ArrayList<>();
        for (S3Object o : objects(prefix)) {
            String key = o.key();
            if (key.endsWith(".json")) {
                T doc = null;
                try {
                    byte[] current = cache.ifCurrent(key, o.eTag());
                    doc = current != null ? decode(key, current, type) : read(key, type).orElse(null);
                } catch (BadDocumentException e) {
                    reportBad(e);
                }
                out.add(new Listed<>(key, doc));
            }
        }
        return out;
    }

    private void reportBad(BadDocumentException e) {
        if (!reported.add(e.key() + "\n" + e.problem())) {
            return;
        }
        LOG.warn("registry document {} skipped: {}", e.key(), e.problem());
        try {
            badDocuments.accept(e);
        } catch (RuntimeException failure) {
            LOG.error("bad registry document {} could not be reported: {}", e.key(), Failures.describe(failure));
        }
    }

    /** Reads a document, empty when it does not exist; throws {@link RegistryUnavailableException} otherwise. */
    public <T> Optional<T> read(String key, Class<T> type) {
        byte[] body = cache.fetch(key);
        return body == null ? Optional.empty() : Optional.of(decode(key, body, type));
    }

    /** A bad document is not kept: the next read fetches it again (it may have been fixed). */
    private <T> T decode(String key, byte[] body, Class<T> type) {
        try {
            return decoder.decode(key, body, type);
        } catch (BadDocumentException e) {
            cache.forget(key);
            throw e;
        }
    }

    private void write(String key, Object doc) {
        try {
            byte[] body = mapper.writeValueAsBytes(doc);
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
            cache.forget(key);
        } catch (IOException | SdkException e) {
            throw new RegistryUnavailableException("cannot write " + Sanitize.forLog(key), e);
        }
    }

    /** How many documents this container holds in its cache (for tests and metrics). */
    public int cachedDocuments() {
        return cache.size();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

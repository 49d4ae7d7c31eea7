package com.facegate.cloud.audit;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads audit records back by door, badge and time range by listing the day partitions, keeping what it parsed
 * by ETag. Fine for an admin CLI and a console over a site's months of records; beyond, use Athena
 * (table DDL in {@link AuditWriter}).
 */
public final class AuditReader {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Logger LOG = LoggerFactory.getLogger(AuditReader.class);
    static final Duration MAX_RANGE = Duration.ofDays(366);
    /** About 100 MB of parsed one-event objects at most. */
    static final int MAX_CACHED_OBJECTS = 100_000;

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper mapper = MessageCodec.mapper();
    /**
     * Parsed objects by key, least recently used dropped past {@link #MAX_CACHED_OBJECTS}: an audit object is
     * written once (or rewritten whole under its name, with a new ETag), so a console's repeated searches list the
     * day partitions and download only what is new. Bounded so that a year-long search cannot fill the heap.
     */
    private final Map<String, Parsed> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
                    return size() > MAX_CACHED_OBJECTS;
                }
            });

    private record Parsed(String etag, List<AuditRecord> records) {}

    public AuditReader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Records whose {@code at} is in [from, until), optionally for one door and/or badge (null = any), oldest first.
     * Rejected records have no trustworthy badge and match only when badgeId is null.
     */
    public List<AuditRecord> query(String doorId, String badgeId, Instant from, Instant until) {
        checkRange(from, until);
        List<AuditRecord> out = new ArrayList<>();
        for (LocalDate d : days(from, until)) {
            for (AuditRecord r : day(d)) {
                if (matches(r, doorId, badgeId, from, until)) {
                    out.add(r);
                }
            }
        }
        sortByTime(out);
        return out;
    }

    /** Refuses an empty range or one longer than 366 days (as {@link #query} does). */
    public static void checkRange(Instant from, Instant until) {
        if (!until.isAfter(from) || Duration.between(from, until).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("time range must be non-empty and at most 366 days");
        }
    }

    /** The day partitions (UTC) a query of [from, until) reads, oldest first. */
    public static List<LocalDate> days(Instant from, Instant until) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate last = until.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = from.atZone(ZoneOffset.UTC).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    /** Whether a record of a partition read belongs to the result of {@link #query} with these arguments. */
    public static boolean matches(AuditRecord r, String doorId, String badgeId, Instant from, Instant until) {
        AuditEvent e = r.event();
        return e.at() != null && !e.at().isBefore(from) && e.at().isBefore(until)
                && (doorId == null || doorId.equals(e.doorId()))
                && (badgeId == null || badgeId.equals(e.badgeId()));
    }

    /** Oldest first, as {@link #query} returns them (a record without a time first). */
    public static void sortByTime(List<AuditRecord> records) {
        records.sort(Comparator.comparing((AuditRecord r) -> r.event().at(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    /**
     * Every record of one day partition as it is now: one listing, and a download only of objects new or rewritten
     * since this reader parsed them. In listing (key) order, not time order.
     */
    public List<AuditRecord> day(LocalDate d) {
        String prefix = AuditWriter.PREFIX + DAY.format(d) + "/";
        List<AuditRecord> out = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            out.addAll(records(o));
        }
        return out;
    }

    /**
     * The records of one object: from the cache when the listing shows the ETag they were read at (an object
     * rewritten under the same name has a new ETag and is read again), else downloaded and parsed.
     */
    private List<AuditRecord> records(S3Object o) {
        Parsed hit = cache.get(o.key());
        if (hit != null && o.eTag() != null && o.eTag().equals(hit.etag())) {
            return hit.records();
        }
        List<AuditRecord> read = new ArrayList<>();
        String etag = readObject(o.key(), read);
        if (etag != null) {
            cache.put(o.key(), new Parsed(etag, List.copyOf(read)));
        }
        return read;
    }

    /** Every line of the object; returns its ETag, or null when it was unreadable (and so is not cached). */
    private String readObject(String key, List<AuditRecord> out) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = mapper.readTree(line);
                String kind = n.path("recordKind").asText(AuditWriter.KIND_EVENT);
                Instant received = n.hasNonNull("receivedAt") ? Instant.parse(n.get("receivedAt").asText()) : null;
                ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove(List.of("recordKind", "receivedAt"));
                AuditEvent e = mapper.treeToValue(n, AuditEvent.class);
                out.add(new AuditRecord(e, kind, received, key));
            }
            return in.response().eTag();
        } catch (IOException | RuntimeException e) {
            // One unreadable object must not hide the others; it is reported, not skipped silently.
            LOG.warn("unreadable audit object {}: {}", key, e.getClass().getSimpleName());
            return null;
        }
    }

    /** How many audit objects this reader holds parsed (for tests and metrics). */
    public int cachedObjects() {
        return cache.size();
    }
}

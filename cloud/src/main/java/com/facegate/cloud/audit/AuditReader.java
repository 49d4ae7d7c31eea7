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
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads audit records back by door, badge and time range by listing the day partitions. Fine for an admin CLI and
 * modest volumes; at scale use Athena (table DDL in {@link AuditWriter}).
 */
public final class AuditReader {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Logger LOG = LoggerFactory.getLogger(AuditReader.class);
    static final Duration MAX_RANGE = Duration.ofDays(366);

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper mapper = MessageCodec.mapper();

    public AuditReader(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Records whose {@code at} is in [from, until), optionally for one door and/or badge (null = any), oldest first.
     * Rejected records have no trustworthy badge and match only when badgeId is null.
     */
    public List<AuditRecord> query(String doorId, String badgeId, Instant from, Instant until) {
        if (!until.isAfter(from) || Duration.between(from, until).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("time range must be non-empty and at most 366 days");
        }
        List<AuditRecord> out = new ArrayList<>();
        LocalDate last = until.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = from.atZone(ZoneOffset.UTC).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
            String prefix = AuditWriter.PREFIX + DAY.format(d) + "/";
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                readObject(o.key(), out, doorId, badgeId, from, until);
            }
        }
        out.sort(Comparator.comparing((AuditRecord r) -> r.event().at(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    private void readObject(String key, List<AuditRecord> out, String doorId, String badgeId, Instant from,
                            Instant until) {
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
                if (e.at() == null || e.at().isBefore(from) || !e.at().isBefore(until)) {
                    continue;
                }
                if (doorId != null && !doorId.equals(e.doorId())) {
                    continue;
                }
                if (badgeId != null && !badgeId.equals(e.badgeId())) {
                    continue;
                }
                out.add(new AuditRecord(e, kind, received, key));
            }
        } catch (IOException | RuntimeException e) {
            // One unreadable object must not hide the others; it is reported, not skipped silently.
            LOG.warn("unreadable audit object {}: {}", key, e.getClass().getSimpleName());
        }
    }
}

package com.facegate.cloud.audit;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.retry.RetryPolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes audit records as JSON Lines objects under {@code audit/yyyy/mm/dd/} (UTC date of the event), one object
 * per invocation or batch. One event is stored once: its key is made from its door and id and written only if absent
 * ({@code If-None-Match: *}), so a redelivered event (a door's journal re-sent after a reconnect, a retried
 * invocation) finds its record there and adds none. Each line is an {@link AuditEvent} plus {@code recordKind}
 * ({@code EVENT} or {@code REJECTED}) and {@code receivedAt}. A failed write is retried (bounded) and then thrown,
 * so that the platform retries the invocation: an audit record is never silently lost.
 *
 * <p>Athena table (partition projection over the key layout):
 * <pre>
 * CREATE EXTERNAL TABLE facegate_audit (
 *   schemaVersion int, id string, doorId string, type string, `at` string, source string,
 *   captureId string, badgeId string, requestId string, requestedBy string, reason string,
 *   similarity double, details map&lt;string,string&gt;, recordKind string, receivedAt string)
 * PARTITIONED BY (yyyy string, mm string, dd string)
 * ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
 * LOCATION 's3://BUCKET/audit/'
 * TBLPROPERTIES ('projection.enabled'='true',
 *   'projection.yyyy.type'='integer', 'projection.yyyy.range'='2024,2100',
 *   'projection.mm.type'='integer', 'projection.mm.range'='1,12', 'projection.mm.digits'='2',
 *   'projection.dd.type'='integer', 'projection.dd.range'='1,31', 'projection.dd.digits'='2',
 *   'storage.location.template'='s3://BUCKET/audit/${yyyy}/${mm}/${dd}/');
 * </pre>
 */
public final class AuditWriter {
    public static final String PREFIX = "audit/";
    public static final String KIND_EVENT = "EVENT";
    public static final String KIND_REJECTED = "REJECTED";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    private final S3Client s3;
    private final String bucket;
    private final Clock clock;
    private final RetryPolicy retries;
    private final ObjectMapper mapper = MessageCodec.mapper();

    public AuditWriter(S3Client s3, String bucket, Clock clock, RetryPolicy retries) {
        this.s3 = s3;
        this.bucket = bucket;
        this.clock = clock;
        this.retries = retries;
    }

    /**
     * One event, at most once per event id: {@code event_{doorId}_{id}}, created only if absent. Returns the key,
     * whether this call stored it or an earlier delivery of the same event did.
     */
    public String write(AuditEvent event) {
        String name = "event_" + (event.doorId() == null ? AuditEvent.SOURCE_CLOUD : event.doorId()) + "_" + event.id();
        return writeLines(List.of(line(event)), name, dayOf(event.at()), true);
    }

    /** A batch of events: one object per event day. Returns the keys written. */
    public List<String> writeAll(List<AuditEvent> events) {
        java.util.Map<String, List<ObjectNode>> byDay = new java.util.TreeMap<>();
        java.util.Map<String, Instant> dayInstant = new java.util.HashMap<>();
        for (AuditEvent e : events) {
            Instant d = dayOf(e.at());
            byDay.computeIfAbsent(DAY.format(d), k -> new java.util.ArrayList<>()).add(line(e));
            dayInstant.putIfAbsent(DAY.format(d), d);
        }
        List<String> keys = new java.util.ArrayList<>();
        byDay.forEach((day, lines) -> keys.add(writeLines(lines, null, dayInstant.get(day), false)));
        return keys;
    }

    /**
     * Partition by the event's own date so that queries by time find late arrivals (offline journals); a clock
     * claiming a date more than a day ahead is not trusted and the receive date is used.
     */
    private Instant dayOf(Instant at) {
        Instant now = clock.instant();
        return at == null || at.isAfter(now.plus(java.time.Duration.ofDays(1))) ? now : at;
    }

    /**
     * One event under a deterministic name (e.g. {@code decision_{doorId}_{captureId}}) so that a redelivered
     * event rewrites the same object instead of adding a second record.
     */
    public String writeNamed(AuditEvent event, String name) {
        return writeLines(List.of(line(event)), name, dayOf(event.at()), false);
    }

    /** Records a message that was refused, with the reason; never drops it. */
    public String writeRejected(String doorId, String reason, List<String> problems, byte[] payload) {
        Instant now = clock.instant();
        ObjectNode n = mapper.createObjectNode();
        n.put("schemaVersion", 1);
        n.put("id", UUID.randomUUID().toString());
        if (doorId != null) {
            n.put("doorId", doorId);
        }
        n.put("type", AuditEvent.Type.UNKNOWN.name());
        n.put("at", now.toString());
        n.put("source", AuditEvent.SOURCE_CLOUD);
        n.put("reason", reason);
        ObjectNode details = n.putObject("details");
        details.put("problems", String.join("; ", problems));
        details.put("payloadBytes", String.valueOf(payload == null ? 0 : payload.length));
        if (payload != null) {
            details.put("payloadSha256", sha256(payload));
            // A bounded, printable prefix helps whoever investigates; door audit payloads carry no biometrics.
            String text = new String(payload, 0, Math.min(payload.length, 2048), StandardCharsets.UTF_8);
            details.put("payloadPrefix", text.replaceAll("\\p{Cntrl}", "?"));
        }
        n.put("recordKind", KIND_REJECTED);
        n.put("receivedAt", now.toString());
        return writeLines(List.of(n), null, null, false);
    }

    private ObjectNode line(AuditEvent event) {
        ObjectNode n = mapper.valueToTree(event);
        n.put("recordKind", KIND_EVENT);
        n.put("receivedAt", clock.instant().toString());
        return n;
    }

    /** {@code once}: create only if absent; an object already there is the same event stored by a delivery before. */
    private String writeLines(List<ObjectNode> lines, String name, Instant day, boolean once) {
        Instant now = clock.instant();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (ObjectNode n : lines) {
                out.write(mapper.writeValueAsBytes(n));
                out.write('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode audit record", e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String file = name != null ? safeName(name) : TIME.format(now) + "-" + UUID.randomUUID();
        String key = PREFIX + DAY.format(day != null ? day : now) + "/" + file + ".jsonl";
        byte[] body = out.toByteArray();
        try {
            retries.run(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/x-ndjson")
                    .ifNoneMatch(once ? "*" : null), RequestBody.fromBytes(body)));
        } catch (S3Exception e) {
            if (once && e.statusCode() == 412) {
                LOG.info("audit record {} already stored: duplicate delivery ignored", key);
                return key;
            }
            LOG.error("audit write failed after retries for {}: {}", key, e.getClass().getSimpleName());
            throw new AuditWriteException("audit write failed: " + key, e);
        } catch (SdkException e) {
            LOG.error("audit write failed after retries for {}: {}", key, e.getClass().getSimpleName());
            throw new AuditWriteException("audit write failed: " + key, e);
        }
        return key;
    }

    /** Key-safe: the name is built from validated door/capture ids, but keep the alphabet boring anyway. */
    static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._:-]", "_");
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown so that the platform (Lambda async retry, IoT rule error action, local invoker) retries. */
    public static final class AuditWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuditWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

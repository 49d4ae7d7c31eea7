package com.facegate.cloud.audit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorIds;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Sanitize;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one door audit message as raw JSON from the IoT rule
 * {@code SELECT *, topic(3) AS topicDoorId FROM 'facegate/doors/+/audit'} (the local stack calls it the same way)
 * and writes it to {@code audit/}. A door may only write its own audit: the message's doorId must equal the
 * topic's, and its source must be {@code device}. Refused messages are recorded as {@code REJECTED} lines with the
 * reason, never dropped. If S3 cannot be written even after retries the invocation throws so that it is retried.
 */
public final class AuditSinkHandler implements RequestStreamHandler {
    /** Room for a maximal door message plus the rule's added field. */
    static final int MAX_INPUT = MessageCodec.MAX_BYTES + 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AuditSinkHandler.class);

    /**
     * What happened to one message: the event as stored when accepted; when refused, the reason it was stored as
     * a REJECTED record instead (a console must show that, not what the message claimed).
     */
    public record Outcome(boolean accepted, String reason, String key, AuditEvent event) {}

    private final AuditWriter writer;
    private final Clock clock;

    /** Lambda entry point: configuration from the environment, clients built once per container. */
    public AuditSinkHandler() {
        this(CloudConfig.fromEnv(), CloudClients.fromEnv(), Clock.systemUTC());
    }

    public AuditSinkHandler(CloudConfig config, CloudClients clients, Clock clock) {
        this(new AuditWriter(clients.s3(), config.bucket(), clock, AwsRetries.standard()), clock);
    }

    public AuditSinkHandler(AuditWriter writer) {
        this(writer, Clock.systemUTC());
    }

    public AuditSinkHandler(AuditWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] raw = input.readNBytes(MAX_INPUT + 1);
        Outcome o = accept(raw);
        output.write(("{\"accepted\":" + o.accepted() + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Validates and records one message; throws only when the record could not be stored. */
    public Outcome accept(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return reject(null, Reasons.MALFORMED, List.of("empty message"), raw);
        }
        if (raw.length > MAX_INPUT) {
            return reject(null, Reasons.MALFORMED, List.of("message larger than " + MAX_INPUT + " bytes"),
                    java.util.Arrays.copyOf(raw, 4096));
        }
        JsonNode tree;
        try {
            tree = MessageCodec.mapper().readTree(raw);
        } catch (IOException | RuntimeException e) {
            return reject(null, Reasons.MALFORMED, List.of("not JSON"), raw);
        }
        if (!(tree instanceof ObjectNode obj)) {
            return reject(null, Reasons.MALFORMED, List.of("not a JSON object"), raw);
        }
        JsonNode topicNode = obj.remove("topicDoorId");
        if (topicNode == null && PresenceEvent.looksLikeOne(obj)) {
            return presence(obj, raw);
        }
        String topicDoorId = topicNode == null || !topicNode.isTextual() ? null : topicNode.asText();
        if (!DoorIds.isValid(topicDoorId)) {
            return reject(null, Reasons.MALFORMED, List.of("topicDoorId missing or invalid"), raw);
        }
        AuditEvent event;
        try {
            event = MessageCodec.decode(MessageCodec.mapper().writeValueAsBytes(obj), AuditEvent.class);
        } catch (InvalidMessageException e) {
            return reject(topicDoorId, Reasons.MALFORMED, e.problems(), raw);
        } catch (IOException e) {
            return reject(topicDoorId, Reasons.MALFORMED, List.of("cannot re-encode"), raw);
        }
        if (!topicDoorId.equals(event.doorId())) {
            return reject(topicDoorId, Reasons.WRONG_DOOR,
                    List.of("doorId " + Sanitize.forLog(event.doorId()) + " published on another door's topic"), raw);
        }
        if (!AuditEvent.SOURCE_DEVICE.equals(event.source())) {
            return reject(topicDoorId, Reasons.MALFORMED, List.of("source must be device"), raw);
        }
        String key = writer.write(event);
        LOG.info("audit {} from door {} stored", event.type(), topicDoorId);
        return new Outcome(true, null, key, event);
    }

    /** A lifecycle event from the presence rule (no topicDoorId: the audit rule always adds one). */
    private Outcome presence(ObjectNode message, byte[] raw) {
        PresenceEvent.Parsed p = PresenceEvent.parse(message, clock.instant());
        if (p.event() == null) {
            return reject(null, Reasons.MALFORMED, p.problems(), raw);
        }
        String key = writer.writeNamed(p.event(), p.name());
        LOG.info("door {} {}{}", p.event().doorId(), p.event().type(),
                p.event().reason() == null ? "" : " (" + p.event().reason() + ")");
        return new Outcome(true, null, key, p.event());
    }

    private Outcome reject(String doorId, String reason, List<String> problems, byte[] raw) {
        LOG.warn("audit message rejected ({}) from door {}: {}", reason, doorId, String.join("; ", problems));
        String key = writer.writeRejected(doorId, reason, problems, raw);
        return new Outcome(false, reason, key, null);
    }
}

package com.facegate.cloud.audit;

import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorIds;
import com.facegate.protocol.Message;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An AWS IoT lifecycle event ({@code $aws/events/presence/connected|disconnected/{clientId}}) as a door audit
 * record: a door that drops off the network is seen in the audit trail, with the broker's reason. The shape is
 * AWS's: {@code clientId, timestamp (ms), eventType, sessionIdentifier, principalIdentifier, versionNumber} and,
 * when disconnected, {@code clientInitiatedDisconnect, disconnectReason}.
 */
public final class PresenceEvent {
    private static final Pattern REASON = Pattern.compile("[A-Z_]{1,64}");
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** AWS IoT did not exist before this; anything earlier is not a real event time. */
    private static final long EARLIEST_MS = Instant.parse("2015-01-01T00:00:00Z").toEpochMilli();

    /** The audit record, or the problems that make the message unusable. */
    public record Parsed(AuditEvent event, String name, List<String> problems) {}

    private PresenceEvent() {}

    /** True for a lifecycle event's shape (the sink also requires no topicDoorId: doors cannot publish one). */
    public static boolean looksLikeOne(JsonNode message) {
        return message.has("eventType") && message.has("clientId") && !message.has("schemaVersion");
    }

    public static Parsed parse(JsonNode m, Instant receivedAt) {
        List<String> problems = new ArrayList<>();
        String clientId = m.path("clientId").isTextual() ? m.get("clientId").asText() : null;
        if (!DoorIds.isValid(clientId)) {
            problems.add("clientId is not a door id");
        }
        String eventType = m.path("eventType").asText("");
        AuditEvent.Type type = switch (eventType) {
            case "connected" -> AuditEvent.Type.DOOR_ONLINE;
            case "disconnected" -> AuditEvent.Type.DOOR_OFFLINE;
            default -> null;
        };
        if (type == null) {
            problems.add("eventType must be connected or disconnected");
        }
        long ms = m.path("timestamp").canConvertToLong() ? m.get("timestamp").asLong() : -1;
        if (ms < EARLIEST_MS || ms > receivedAt.plusSeconds(86_400).toEpochMilli()) {
            problems.add("timestamp missing or out of range");
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, null, problems);
        }
        Map<String, String> details = new LinkedHashMap<>();
        String session = m.path("sessionIdentifier").asText("");
        if (SESSION.matcher(session).matches()) {
            details.put("session", session);
        }
        if (m.path("versionNumber").canConvertToLong()) {
            details.put("version", Long.toString(m.get("versionNumber").asLong()));
        }
        String reason = null;
        if (type == AuditEvent.Type.DOOR_OFFLINE) {
            String r = m.path("disconnectReason").asText("");
            reason = REASON.matcher(r).matches() ? r : "UNKNOWN";
        }
        // One record per lifecycle event: a redelivery rewrites the same object (and keeps the same id).
        String identity = clientId + "|" + eventType + "|" + details.getOrDefault("session", "") + "|"
                + details.getOrDefault("version", "") + "|" + ms;
        String id = UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
        AuditEvent event = new AuditEvent(Message.SCHEMA_VERSION, id, clientId, type, Instant.ofEpochMilli(ms),
                AuditEvent.SOURCE_CLOUD, null, null, null, null, reason, null, details.isEmpty() ? null : details);
        return new Parsed(event, "presence_" + id, List.of());
    }
}

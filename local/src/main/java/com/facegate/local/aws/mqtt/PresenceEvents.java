package com.facegate.local.aws.mqtt;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * What AWS IoT publishes on {@code $aws/events/presence/connected|disconnected/{clientId}}, made by the local
 * broker from HiveMQ's client lifecycle: same topics, same JSON, so the cloud side audits a door that drops off
 * the network the same way in both modes. Only clients that authenticated (doors) are reported.
 *
 * <p>A new connection with a connected door's client id takes the session over, as AWS IoT does: the broker
 * disconnects the old connection and its disconnected event says {@code DUPLICATE_CLIENTID}, AWS's reason.
 * HiveMQ may report the old connection's end after the new one authenticated, so each client id keeps its
 * sessions oldest first and a disconnect always ends the oldest: a client id has one live connection, and it is
 * the newest. A session the broker ends because its certificate was revoked says {@code AUTH_ERROR}.
 */
final class PresenceEvents implements ClientLifecycleEventListener {
    static final String TOPIC_PREFIX = "$aws/events/presence/";
    /** AWS IoT's disconnectReason when another connection used the same client id. */
    static final String DUPLICATE_CLIENTID = "DUPLICATE_CLIENTID";
    /** AWS IoT's disconnectReason when authentication or authorization failed (a deactivated certificate). */
    static final String AUTH_ERROR = "AUTH_ERROR";

    private final BiConsumer<String, byte[]> sink;
    private final Clock clock;
    private final Map<String, Deque<String>> sessions = new HashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    PresenceEvents(BiConsumer<String, byte[]> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** The broker is about to end this client's session because its certificate was revoked. */
    void revoked(String clientId) {
        revoked.add(clientId);
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // Not yet authenticated: nothing to report.
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        String clientId = input.getClientInformation().getClientId();
        String session = UUID.randomUUID().toString().replace("-", "");
        synchronized (sessions) {
            sessions.computeIfAbsent(clientId, k -> new ArrayDeque<>()).addLast(session);
        }
        long version = versions.merge(clientId, 1L, Long::sum) - 1;
        ObjectNode e = base(clientId, "connected", session, version);
        input.getConnectionInformation().getInetAddress().ifPresent(a -> e.put("ipAddress", a.getHostAddress()));
        publish(clientId, "connected", e);
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        disconnected(input, "CLIENT_INITIATED_DISCONNECT", true);
    }

    @Override
    public void onConnectionLost(ConnectionLostInput input) {
        disconnected(input, "CONNECTION_LOST", false);
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        boolean takenOver = input.getReasonCode().filter(c -> c == DisconnectedReasonCode.SESSION_TAKEN_OVER)
                .isPresent();
        disconnected(input, takenOver ? DUPLICATE_CLIENTID : "SERVER_INITIATED_DISCONNECT", false);
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        disconnected(input, "CONNECTION_LOST", false);
    }

    private void disconnected(DisconnectEventInput input, String reason, boolean byClient) {
        String clientId = input.getClientInformation().getClientId();
        String session = endOldestSession(clientId);
        if (session == null) {
            return; // never authenticated (refused certificate, wrong client id): not a door session
        }
        ObjectNode e = base(clientId, "disconnected", session, versions.getOrDefault(clientId, 1L) - 1);
        e.put("clientInitiatedDisconnect", byClient);
        e.put("disconnectReason", revoked.remove(clientId) && !byClient ? AUTH_ERROR : reason);
        publish(clientId, "disconnected", e);
    }

    private String endOldestSession(String clientId) {
        synchronized (sessions) {
            Deque<String> open = sessions.get(clientId);
            String oldest = open == null ? null : open.pollFirst();
            if (open != null && open.isEmpty()) {
                sessions.remove(clientId);
            }
            return oldest;
        }
    }

    private ObjectNode base(String clientId, String eventType, String session, long version) {
        ObjectNode e = MessageCodec.mapper().createObjectNode();
        e.put("clientId", clientId);
        e.put("timestamp", clock.millis());
        e.put("eventType", eventType);
        e.put("sessionIdentifier", session);
        e.put("principalIdentifier", clientId);
        e.put("versionNumber", version);
        return e;
    }

    private void publish(String clientId, String eventType, ObjectNode e) {
        sink.accept(TOPIC_PREFIX + eventType + "/" + clientId, e.toString().getBytes(StandardCharsets.UTF_8));
    }
}

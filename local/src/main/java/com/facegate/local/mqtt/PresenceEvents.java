package com.facegate.local.mqtt;

import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * What AWS IoT publishes on {@code $aws/events/presence/connected|disconnected/{clientId}}, made by the local
 * broker from HiveMQ's client lifecycle: same topics, same JSON, so the cloud side audits a door that drops off
 * the network the same way in both modes. Only clients that authenticated (doors) are reported.
 */
final class PresenceEvents implements ClientLifecycleEventListener {
    static final String TOPIC_PREFIX = "$aws/events/presence/";

    private final BiConsumer<String, byte[]> sink;
    private final Clock clock;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    PresenceEvents(BiConsumer<String, byte[]> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // Not yet authenticated: nothing to report.
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        String clientId = input.getClientInformation().getClientId();
        String session = UUID.randomUUID().toString().replace("-", "");
        sessions.put(clientId, session);
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
        disconnected(input, "SERVER_INITIATED_DISCONNECT", false);
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        disconnected(input, "CONNECTION_LOST", false);
    }

    private void disconnected(DisconnectEventInput input, String reason, boolean byClient) {
        String clientId = input.getClientInformation().getClientId();
        String session = sessions.remove(clientId);
        if (session == null) {
            return; // never authenticated (refused certificate, wrong client id): not a door session
        }
        ObjectNode e = base(clientId, "disconnected", session, versions.getOrDefault(clientId, 1L) - 1);
        e.put("clientInitiatedDisconnect", byClient);
        e.put("disconnectReason", reason);
        publish(clientId, "disconnected", e);
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

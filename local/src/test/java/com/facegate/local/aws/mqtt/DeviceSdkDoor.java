package com.facegate.local.aws.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttClientConnectionEvents;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;

/** A door as the daemon connects: the AWS IoT Device SDK v2 (aws-crt native TLS) with the bundle's PEM files. */
public final class DeviceSdkDoor implements AutoCloseable {
    public record Received(String topic, String payload) {}

    private final MqttClientConnection connection;
    public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Completes with the SDK's error code when the broker ends the connection (the SDK then retries by itself). */
    public final CompletableFuture<Integer> interrupted = new CompletableFuture<>();
    /** How often the SDK's own reconnect attempts got a session back. */
    public final AtomicInteger resumed = new AtomicInteger();

    private DeviceSdkDoor(MqttClientConnection connection) {
        this.connection = connection;
    }

    private static final class Events implements MqttClientConnectionEvents {
        DeviceSdkDoor door;

        @Override
        public void onConnectionInterrupted(int errorCode) {
            door.interrupted.complete(errorCode);
        }

        @Override
        public void onConnectionResumed(boolean sessionPresent) {
            door.resumed.incrementAndGet();
        }
    }

    /** Builds and connects; throws when the broker (or the TLS handshake) refuses. */
    public static DeviceSdkDoor connect(String endpoint, int port, String clientId, Path cert, Path key, Path ca)
            throws Exception {
        return connect(endpoint, port, clientId, cert, key, ca, true);
    }

    /**
     * With {@code cleanSession=false} the broker keeps the door's subscriptions and QoS 1 messages while it is away.
     */
    public static DeviceSdkDoor connect(String endpoint, int port, String clientId, Path cert, Path key, Path ca,
            boolean cleanSession) throws Exception {
        MqttClientConnection c;
        Events events = new Events();
        try (AwsIotMqttConnectionBuilder b = AwsIotMqttConnectionBuilder
                .newMtlsBuilderFromPath(cert.toString(), key.toString())
                .withCertificateAuthorityFromPath(null, ca.toString())
                .withEndpoint(endpoint)
                .withPort(port)
                .withClientId(clientId)
                .withCleanSession(cleanSession)
                // Generous: on a loaded 2-core CI machine the mTLS handshake alone has taken over 5 s.
                .withTimeoutMs(15_000)
                .withProtocolOperationTimeoutMs(15_000)
                .withConnectionEventCallbacks(events)) {
            c = b.build();
        }
        DeviceSdkDoor door = new DeviceSdkDoor(c);
        events.door = door;
        if (!cleanSession) {
            // Messages of a resumed session arrive before any subscribe call: catch them with the any-message handler.
            c.onMessage(m -> door.received.add(new Received(m.getTopic(),
                    new String(m.getPayload(), StandardCharsets.UTF_8))));
        }
        try {
            c.connect().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return door;
    }

    public CompletableFuture<Integer> subscribe(String topic) {
        return connection.subscribe(topic, QualityOfService.AT_LEAST_ONCE,
                m -> received.add(new Received(m.getTopic(), new String(m.getPayload(), StandardCharsets.UTF_8))));
    }

    public CompletableFuture<Integer> publish(String topic, String payload) {
        return connection.publish(new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8),
                QualityOfService.AT_LEAST_ONCE, false));
    }

    /** Any QoS and retain flag, to see what the broker does with what a door may not send. */
    public CompletableFuture<Integer> publish(String topic, String payload, QualityOfService qos, boolean retain) {
        return connection.publish(new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain));
    }

    public Received poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            connection.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // already gone: the broker may have disconnected us on purpose
        }
        connection.close();
    }
}

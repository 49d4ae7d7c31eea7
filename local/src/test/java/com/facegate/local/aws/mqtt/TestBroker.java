package com.facegate.local.aws.mqtt;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The local broker for a test class: a fresh local CA, the broker on a free loopback port (in-memory sessions) and
 * a provisioner of doors whose certificates it trusts. What reaches the cloud side is queued: door messages as
 * "topic payload", lifecycle events as {topic, payload}. Start it in {@code @BeforeAll}, close it in
 * {@code @AfterAll}.
 */
final class TestBroker implements AutoCloseable {
    final LocalCa ca;
    final LocalBroker broker;
    final BlockingQueue<String> cloudSide = new LinkedBlockingQueue<>();
    final BlockingQueue<String[]> presence = new LinkedBlockingQueue<>();
    final DoorProvisioner provisioner;

    private TestBroker(Path data) {
        ca = LocalCa.openOrCreate(data.resolve("pki"));
        broker = LocalBroker.builder().dataDir(data.resolve("mqtt")).host("127.0.0.1").port(0).ca(ca)
                .serverCredentials(ca.serverCredentials(Set.of())).persistent(false).build().start();
        // Only the broker's address matters to these tests; the other endpoints are never dialled.
        provisioner = new DoorProvisioner(ca, data.resolve("doors"), () -> new DoorSettings("127.0.0.1",
                broker.port(), "https://127.0.0.1:1", "bucket", "eu-west-1", "https://127.0.0.1:2", "alias"));
        broker.addListener((topic, payload) ->
                cloudSide.add(topic + " " + new String(payload, StandardCharsets.UTF_8)));
        broker.addPresenceListener((topic, payload) ->
                presence.add(new String[] {topic, new String(payload, StandardCharsets.UTF_8)}));
    }

    static TestBroker start(Path data) {
        return new TestBroker(data);
    }

    int port() {
        return broker.port();
    }

    /** A real door client (AWS IoT Device SDK, mTLS) with {@code b}'s certificate, dialling {@code endpoint}. */
    DeviceSdkDoor connect(DoorBundle b, String endpoint, String clientId) throws Exception {
        return DeviceSdkDoor.connect(endpoint, port(), clientId, b.certificate(), b.privateKey(), b.caCertificate());
    }

    @Override
    public void close() {
        broker.close();
    }
}

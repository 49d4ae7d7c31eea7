package com.facegate.local.aws.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.audit.PresenceEvent;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.local.doors.DoorSettings;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * provision-door --rotate while the door is connected: the broker ends the old certificate's live session
 * (as deactivating a certificate does in AWS IoT), the presence event says why, and only the new certificate
 * gets that door's decisions. The rotation runs on its own LocalCa over the same folder, as the CLI does from
 * another process while the stack runs.
 */
class RevokedSessionTest {
    private static final String DOOR = "rotated-door";

    @TempDir
    static Path data;
    static LocalBroker broker;
    static DoorSettings settings;
    static final BlockingQueue<String> presence = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startBroker() {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        broker = LocalBroker.builder().dataDir(data.resolve("mqtt")).host("127.0.0.1").port(0).ca(ca)
                .serverCredentials(ca.serverCredentials(Set.of())).persistent(false).build().start();
        settings = new DoorSettings("127.0.0.1", broker.port(), "https://127.0.0.1:1", "bucket", "eu-west-1",
                "https://127.0.0.1:2", "alias");
        broker.addPresenceListener((topic, payload) -> presence.add(new String(payload, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** What {@code ./facegate provision-door} does: its own CA handle and provisioner over the data folder. */
    static DoorBundle provisionFromCli(boolean rotate) {
        LocalCa cliCa = LocalCa.openOrCreate(data.resolve("pki"));
        return new DoorProvisioner(cliCa, data.resolve("doors"), () -> settings).provision(DOOR, rotate);
    }

    static DeviceSdkDoor connect(Path cert, Path key, Path ca) throws Exception {
        return DeviceSdkDoor.connect("localhost", broker.port(), DOOR, cert, key, ca);
    }

    @Test
    void rotationEndsTheOldSessionAndOnlyTheNewCertificateGetsDecisions() throws Exception {
        DoorBundle first = provisionFromCli(false);
        Path oldCert = Files.copy(first.certificate(), data.resolve("old.crt"));
        Path oldKey = Files.copy(first.privateKey(), data.resolve("old.key"));
        try (DeviceSdkDoor old = connect(oldCert, oldKey, first.caCertificate())) {
            old.subscribe(Topics.decision(DOOR)).get(5, TimeUnit.SECONDS);
            publishDecision("before");
            assertThat(old.poll(5000)).extracting(DeviceSdkDoor.Received::payload).isEqualTo("{\"n\":\"before\"}");
            assertThat(presence.poll(5, TimeUnit.SECONDS)).contains("\"eventType\":\"connected\"");

            long rotatedAt = System.nanoTime();
            DoorBundle second = provisionFromCli(true);
            old.interrupted.get(5, TimeUnit.SECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - rotatedAt);
            assertThat(tookMs).as("session ended within the broker's check interval and some slack").isLessThan(3000);

            String disconnected = presence.poll(5, TimeUnit.SECONDS);
            assertThat(disconnected).contains("\"eventType\":\"disconnected\"")
                    .contains("\"disconnectReason\":\"AUTH_ERROR\"");
            AuditEvent audit = PresenceEvent.parse(MessageCodec.mapper().readTree(disconnected), Instant.now()).event();
            assertThat(audit.type()).isEqualTo(AuditEvent.Type.DOOR_OFFLINE);
            assertThat(audit.reason()).isEqualTo("AUTH_ERROR");

            publishDecision("while-revoked");
            assertThatThrownBy(() -> connect(oldCert, oldKey, first.caCertificate()).close())
                    .as("the old certificate cannot connect again").isInstanceOf(Exception.class);

            try (DeviceSdkDoor renewed = connect(second.certificate(), second.privateKey(), second.caCertificate())) {
                renewed.subscribe(Topics.decision(DOOR)).get(5, TimeUnit.SECONDS);
                publishDecision("after");
                DeviceSdkDoor.Received got;
                do {
                    got = renewed.poll(5000);
                    assertThat(got).as("the new certificate receives the door's decisions").isNotNull();
                } while (!got.payload().contains("after"));
            }
            assertThat(old.resumed).as("the SDK's own reconnects with the old certificate all fail").hasValue(0);
            assertThat(old.poll(500)).as("the old session got nothing after the rotation").isNull();
        }
    }

    private static void publishDecision(String n) throws Exception {
        broker.publish(Topics.decision(DOOR), ("{\"n\":\"" + n + "\"}").getBytes(StandardCharsets.UTF_8), 1)
                .get(5, TimeUnit.SECONDS);
    }
}

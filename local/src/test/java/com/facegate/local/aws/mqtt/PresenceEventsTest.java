package com.facegate.local.aws.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local broker reports door connects and disconnects as AWS IoT lifecycle events (same topics, same JSON), with
 * a real door client over mTLS: a clean disconnect, a dropped connection, and nothing for a refused client.
 */
class PresenceEventsTest {
    @TempDir
    static Path data;
    static TestBroker mqtt;
    static LocalBroker broker;
    static DoorProvisioner provisioner;
    static BlockingQueue<String[]> events;

    @BeforeAll
    static void start() {
        mqtt = TestBroker.start(data);
        broker = mqtt.broker;
        provisioner = mqtt.provisioner;
        events = mqtt.presence;
    }

    @AfterAll
    static void stop() {
        mqtt.close();
    }

    static DeviceSdkDoor connect(DoorBundle b, String clientId) throws Exception {
        return mqtt.connect(b, "localhost", clientId);
    }

    static JsonNode next(String expectedTopic) throws Exception {
        String[] e = events.poll(10, TimeUnit.SECONDS);
        assertThat(e).as("a lifecycle event on %s", expectedTopic).isNotNull();
        assertThat(e[0]).isEqualTo(expectedTopic);
        return MessageCodec.mapper().readTree(e[1]);
    }

    @Test
    void givenADoor_whenItConnectsDisconnectsAndLaterDropsOff_thenEachIsReportedAsAwsIotWould() throws Exception {
        DoorBundle door = provisioner.provision("door-p1");
        DeviceSdkDoor client = connect(door, "door-p1");
        JsonNode connected = next("$aws/events/presence/connected/door-p1");
        assertThat(connected.get("clientId").asText()).isEqualTo("door-p1");
        assertThat(connected.get("eventType").asText()).isEqualTo("connected");
        assertThat(connected.get("versionNumber").asLong()).isZero();
        assertThat(connected.get("timestamp").asLong()).isPositive();
        String session = connected.get("sessionIdentifier").asText();

        client.close(); // MQTT DISCONNECT
        JsonNode disconnected = next("$aws/events/presence/disconnected/door-p1");
        assertThat(disconnected.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
        assertThat(disconnected.get("clientInitiatedDisconnect").asBoolean()).isTrue();
        assertThat(disconnected.get("sessionIdentifier").asText()).isEqualTo(session);

        try (SSLSocket raw = rawConnect(door, "door-p1")) {
            JsonNode reconnected = next("$aws/events/presence/connected/door-p1");
            assertThat(reconnected.get("versionNumber").asLong()).isEqualTo(1);
            assertThat(reconnected.get("sessionIdentifier").asText()).isNotEqualTo(session);
        } // socket closed with no MQTT DISCONNECT: power or network gone
        JsonNode lost = next("$aws/events/presence/disconnected/door-p1");
        assertThat(lost.get("clientInitiatedDisconnect").asBoolean()).isFalse();
        assertThat(lost.get("disconnectReason").asText()).isNotEqualTo("CLIENT_INITIATED_DISCONNECT");
    }

    /** An MQTT 3.1.1 CONNECT over mTLS by hand (the SDK always says DISCONNECT when closed); returns once CONNACK'd. */
    static SSLSocket rawConnect(DoorBundle b, String clientId) throws Exception {
        SSLContext tls = TlsContexts.clientContext(b.caCertificate(), b.certificate(), b.privateKey());
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", broker.port());
        s.setSoTimeout(10_000);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[] {0x10, (byte) (12 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60,
            (byte) (id.length >> 8), (byte) id.length});
        p.write(id);
        s.getOutputStream().write(p.toByteArray());
        s.getOutputStream().flush();
        byte[] connack = s.getInputStream().readNBytes(4);
        assertThat(connack).containsExactly(0x20, 0x02, 0x00, 0x00);
        return s;
    }

    @Test
    void givenAClientTheBrokerRefuses_whenItTries_thenNoPresenceIsReported() throws Exception {
        DoorBundle door = provisioner.provision("door-p2");
        events.clear();
        try (DeviceSdkDoor impostor = connect(door, "door-someone-else")) {
            throw new AssertionError("a certificate for door-p2 must not connect as another door");
        } catch (Exception refused) {
            // expected: the client id must be the certificate's door
        }
        // Only this test's clients count: a late event of another test's door may still be on its way.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        for (String[] e; (e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            assertThat(e[0]).as("presence of a refused client").doesNotEndWith("/door-someone-else")
                    .doesNotEndWith("/door-p2");
        }
    }
}

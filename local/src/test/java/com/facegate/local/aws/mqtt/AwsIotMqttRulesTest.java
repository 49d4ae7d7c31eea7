package com.facegate.local.aws.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.local.doors.DoorBundle;
import com.facegate.local.doors.DoorProvisioner;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.mqtt.QualityOfService;

/**
 * The local broker holds doors to what AWS IoT Core allows them (no QoS 2, no retained messages without
 * {@code iot:RetainPublish}, one connection per client id) and refuses will messages; real door clients over
 * mTLS with certificates from the local CA.
 */
class AwsIotMqttRulesTest {
    @TempDir
    static Path data;
    static TestBroker mqtt;
    static LocalBroker broker;
    static DoorProvisioner provisioner;
    static BlockingQueue<String> cloudSide;
    static BlockingQueue<String[]> presence;

    @BeforeAll
    static void start() {
        mqtt = TestBroker.start(data);
        broker = mqtt.broker;
        provisioner = mqtt.provisioner;
        cloudSide = mqtt.cloudSide;
        presence = mqtt.presence;
    }

    @AfterAll
    static void stop() {
        mqtt.close();
    }

    static DeviceSdkDoor sdkDoor(DoorBundle b, String clientId) throws Exception {
        return mqtt.connect(b, "localhost", clientId);
    }

    /** Publishes and waits briefly; a refused publish never completes or fails (the broker hangs up). */
    static void tryPublish(DeviceSdkDoor door, String topic, String payload, QualityOfService qos, boolean retain) {
        try {
            door.publish(topic, payload, qos, retain).get(3, TimeUnit.SECONDS);
        } catch (Exception refused) {
            // expected: not acknowledged, connection dropped
        }
    }

    @Test
    void givenADoor_whenItPublishesWithQos2_thenTheBrokerHangsUpWithoutAckAndNothingReachesTheCloud()
            throws Exception {
        DoorBundle door = provisioner.provision("door-q2");
        cloudSide.clear();
        try (DeviceSdkDoor sdk = sdkDoor(door, "door-q2")) {
            tryPublish(sdk, Topics.audit("door-q2"), "{\"qos\":2}", QualityOfService.EXACTLY_ONCE, false);
        }
        try (RawMqttDoor raw = RawMqttDoor.open(door, broker.port(), "door-q2", null, null)) {
            assertThat(raw.connackCode()).isZero();
            raw.publish(Topics.audit("door-q2"), "{\"qos\":2}", 2, false, 7);
            assertThat(raw.nextPacketType()).as("no PUBREC: the connection is closed").isEqualTo(-1);
        }
        assertThat(cloudSide.poll(1500, TimeUnit.MILLISECONDS)).isNull();
        assertOrdinaryPublishStillReachesTheCloud(door, "door-q2");
    }

    @Test
    void givenADoor_whenItPublishesARetainedMessage_thenTheBrokerHangsUpAndNothingReachesTheCloud()
            throws Exception {
        DoorBundle door = provisioner.provision("door-rt");
        cloudSide.clear();
        try (DeviceSdkDoor sdk = sdkDoor(door, "door-rt")) {
            tryPublish(sdk, Topics.audit("door-rt"), "{\"retained\":1}", QualityOfService.AT_LEAST_ONCE, true);
            tryPublish(sdk, Topics.status("door-rt"), "{\"retained\":0}", QualityOfService.AT_MOST_ONCE, true);
        }
        try (RawMqttDoor raw = RawMqttDoor.open(door, broker.port(), "door-rt", null, null)) {
            assertThat(raw.connackCode()).isZero();
            raw.publish(Topics.audit("door-rt"), "{\"retained\":1}", 1, true, 9);
            assertThat(raw.nextPacketType()).as("no PUBACK: the connection is closed").isEqualTo(-1);
        }
        assertThat(cloudSide.poll(1500, TimeUnit.MILLISECONDS)).isNull();
        assertOrdinaryPublishStillReachesTheCloud(door, "door-rt");
    }

    private static void assertOrdinaryPublishStillReachesTheCloud(DoorBundle door, String doorId) throws Exception {
        try (RawMqttDoor raw = RawMqttDoor.open(door, broker.port(), doorId, null, null)) {
            assertThat(raw.connackCode()).isZero();
            raw.publish(Topics.audit(doorId), "{\"ok\":1}", 1, false, 3);
            assertThat(raw.nextPacketType()).as("PUBACK").isEqualTo(4);
        }
        assertThat(cloudSide.poll(5, TimeUnit.SECONDS)).isEqualTo(Topics.audit(doorId) + " {\"ok\":1}");
    }

    @Test
    void givenADoor_whenItConnectsWithAWill_thenTheConnectIsRefusedOnAnyTopic() throws Exception {
        DoorBundle door = provisioner.provision("door-w");
        for (String willTopic : List.of(Topics.audit("door-w"), Topics.audit("door-other"), "anything")) {
            try (RawMqttDoor raw = RawMqttDoor.open(door, broker.port(), "door-w", willTopic,
                    "{\"doorId\":\"door-w\"}")) {
                assertThat(raw.connackCode()).as("CONNACK 5 not authorized for a will on %s", willTopic).isEqualTo(5);
            }
        }
        try (RawMqttDoor raw = RawMqttDoor.open(door, broker.port(), "door-w", null, null)) {
            assertThat(raw.connackCode()).as("the same door without a will").isZero();
        }
    }

    @Test
    void givenAConnectedDoor_whenAnotherConnectionUsesItsClientId_thenItTakesOverAndTheAuditSaysDuplicateClientId()
            throws Exception {
        DoorBundle door = provisioner.provision("door-t");
        presence.clear();
        try (RawMqttDoor first = RawMqttDoor.open(door, broker.port(), "door-t", null, null)) {
            assertThat(first.connackCode()).isZero();
            String firstSession = next("connected").get("sessionIdentifier").asText();

            try (DeviceSdkDoor second = sdkDoor(door, "door-t")) {
                assertThat(first.nextPacketType()).as("the old connection is closed").isEqualTo(-1);
                List<JsonNode> events = List.of(next(null), next(null));
                JsonNode dropped = events.stream().filter(e -> e.get("eventType").asText().equals("disconnected"))
                        .findFirst().orElseThrow();
                JsonNode taken = events.stream().filter(e -> e.get("eventType").asText().equals("connected"))
                        .findFirst().orElseThrow();
                assertThat(dropped.get("sessionIdentifier").asText()).isEqualTo(firstSession);
                assertThat(dropped.get("disconnectReason").asText()).isEqualTo("DUPLICATE_CLIENTID");
                assertThat(dropped.get("clientInitiatedDisconnect").asBoolean()).isFalse();
                String secondSession = taken.get("sessionIdentifier").asText();
                assertThat(secondSession).isNotEqualTo(firstSession);

                // The new connection is the door now: it subscribes and receives.
                second.subscribe(Topics.decision("door-t")).get(5, TimeUnit.SECONDS);
                broker.publish(Topics.decision("door-t"), "{\"d\":1}".getBytes(StandardCharsets.UTF_8), 1)
                        .get(5, TimeUnit.SECONDS);
                assertThat(second.poll(5000)).isNotNull();
                second.close();
                JsonNode end = next("disconnected");
                assertThat(end.get("sessionIdentifier").asText()).isEqualTo(secondSession);
                assertThat(end.get("disconnectReason").asText()).isEqualTo("CLIENT_INITIATED_DISCONNECT");
            }
        }
    }

    /** The next lifecycle event of door-t (of the given type when not null). */
    private static JsonNode next(String eventType) throws Exception {
        List<String> seen = new ArrayList<>();
        while (true) {
            String[] e = presence.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("a lifecycle event of door-t; saw %s", seen).isNotNull();
            seen.add(e[0]);
            JsonNode json = MessageCodec.mapper().readTree(e[1]);
            if (e[0].endsWith("/door-t") && (eventType == null || json.get("eventType").asText().equals(eventType))) {
                return json;
            }
        }
    }
}

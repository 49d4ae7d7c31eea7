package com.facegate.local.aws.mqtt;

import com.facegate.protocol.DoorIds;
import com.facegate.protocol.Topics;
import java.util.Optional;

/**
 * The per-door MQTT policy, as an AWS IoT thing policy with {@code ${iot:Connection.Thing.ThingName}} states it:
 * the client id is the certificate's door id; a door subscribes only to its own decision and commands topics
 * and publishes only to its own audit, status and captures topics. Exact names only: wildcards never match. As in
 * AWS IoT Core: QoS 2 is not supported, a door has no {@code iot:RetainPublish} permission, and (a FaceGate choice)
 * doors may not leave a will message: the broker's presence events already report a door that drops off.
 */
public final class DoorAccessPolicy {
    private DoorAccessPolicy() {}

    /** Why a connect is refused, or empty when it is allowed. */
    public static Optional<String> connectRefusal(String clientId, String certificateDoorId) {
        if (certificateDoorId == null || !DoorIds.isValid(certificateDoorId)) {
            return Optional.of("certificate does not name a valid door");
        }
        if (!certificateDoorId.equals(clientId)) {
            return Optional.of("client id does not match the certificate's door id");
        }
        return Optional.empty();
    }

    /** Why a publish is refused, or empty when it is allowed. */
    public static Optional<String> publishRefusal(String doorId, String topic, int qos, boolean retain) {
        if (qos > 1) {
            return Optional.of("QoS 2 is not supported");
        }
        if (retain) {
            return Optional.of("retained messages are not allowed for doors");
        }
        if (!mayPublish(doorId, topic)) {
            return Optional.of("not authorized to publish to this topic");
        }
        return Optional.empty();
    }

    /** Why a CONNECT carrying a will message is refused: always (doors do not use wills; see class comment). */
    public static String willRefusal() {
        return "will messages are not accepted from doors";
    }

    public static boolean maySubscribe(String doorId, String topicFilter) {
        return Topics.parse(topicFilter)
                .filter(t -> t.doorId().equals(doorId) && !t.kind().doorPublishes())
                .isPresent();
    }

    public static boolean mayPublish(String doorId, String topic) {
        return Topics.parse(topic)
                .filter(t -> t.doorId().equals(doorId) && t.kind().doorPublishes())
                .isPresent();
    }
}

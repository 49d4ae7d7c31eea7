package com.facegate.cloud.access;

import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Message;
import com.facegate.protocol.Topics;
import com.facegate.protocol.retry.RetryPolicy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/** Publishes door messages with QoS 1 through the IoT data plane (AWS IoT Core, or the local stack's endpoint). */
public final class DecisionPublisher {
    private final IotDataPlaneClient iot;
    private final RetryPolicy retries;

    public DecisionPublisher(IotDataPlaneClient iot, RetryPolicy retries) {
        this.iot = iot;
        this.retries = retries;
    }

    public void publish(Decision decision) {
        send(Topics.decision(decision.doorId()), decision);
    }

    public void publish(DoorCommand command) {
        send(Topics.commands(command.doorId()), command);
    }

    private void send(String topic, Message message) {
        SdkBytes payload = SdkBytes.fromByteArray(MessageCodec.encode(message));
        retries.run(() -> iot.publish(b -> b.topic(topic).qos(1).payload(payload)));
    }
}

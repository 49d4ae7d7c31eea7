package com.facegate.local.aws.mqtt;

/** Receives what doors publish on their audit and status topics (the cloud side of the broker). */
@FunctionalInterface
public interface DoorMessageListener {
    void onMessage(String topic, byte[] payload) throws Exception;
}

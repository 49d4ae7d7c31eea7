package com.facegate.local.aws.iotdata;

import java.util.concurrent.CompletableFuture;

/** Where the data-plane endpoint hands accepted messages: the broker's in-process publish. */
@FunctionalInterface
public interface MessagePublisher {
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos);
}

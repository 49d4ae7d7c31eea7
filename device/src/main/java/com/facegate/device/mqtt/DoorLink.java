package com.facegate.device.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The door's one connection to the cloud. Kept this small so that the daemon logic can run over the AWS IoT
 * Device SDK in production and over any other transport in tests.
 */
public interface DoorLink extends AutoCloseable {

    /** An inbound message on one of the door's subscribed topics. */
    record Inbound(String topic, byte[] payload) {}

    /** Starts connecting (and keeps reconnecting); returns at once. */
    void start();

    /** QoS 1 publish; the future completes when the broker acknowledges (PUBACK), exceptionally on failure. */
    CompletableFuture<Void> publish(String topic, byte[] payload);

    /** Subscribes (QoS 1) to the given topics; every message arrives at {@code handler}. Call before start(). */
    void subscribe(Consumer<Inbound> handler, String... topics);

    /** Called with true when connected (or resumed), false when the connection is lost. */
    void onlineListener(Consumer<Boolean> listener);

    boolean online();

    @Override
    void close();
}

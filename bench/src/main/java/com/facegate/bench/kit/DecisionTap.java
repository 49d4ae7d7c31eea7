package com.facegate.bench.kit;

import com.facegate.device.mqtt.DoorLink;
import com.facegate.protocol.Decision;
import com.facegate.protocol.InvalidMessageException;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A door's MQTT link with a listener on the decisions it receives, so a benchmark can time face-to-decision
 * without changing the door. Every message still reaches the door unchanged.
 */
public final class DecisionTap {
    /** Told each well-formed decision and the {@link System#nanoTime()} it arrived at. */
    @FunctionalInterface
    public interface Listener {
        void decision(Decision decision, long receivedNanos);
    }

    private DecisionTap() {}

    public static DoorLink around(DoorLink link, Listener listener) {
        return new DoorLink() {
            @Override
            public void start() {
                link.start();
            }

            @Override
            public CompletableFuture<Void> publish(String topic, byte[] payload) {
                return link.publish(topic, payload);
            }

            @Override
            public void subscribe(Consumer<Inbound> handler, String... topics) {
                link.subscribe(m -> {
                    if (Topics.parse(m.topic()).filter(t -> t.kind() == Topics.Kind.DECISION).isPresent()) {
                        long received = System.nanoTime();
                        try {
                            listener.decision(MessageCodec.decode(m.payload(), Decision.class), received);
                        } catch (InvalidMessageException e) {
                            // The door itself rejects and audits it; the benchmark just sees no decision.
                        }
                    }
                    handler.accept(m);
                }, topics);
            }

            @Override
            public void onlineListener(Consumer<Boolean> listener) {
                link.onlineListener(listener);
            }

            @Override
            public boolean online() {
                return link.online();
            }

            @Override
            public void close() {
                link.close();
            }
        };
    }
}

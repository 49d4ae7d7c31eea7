package com.facegate.bench.kit;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.device.mqtt.DoorLink;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DecisionTapTest {

    /** A link that only records what is subscribed, so the test can deliver messages as the broker would. */
    private static final class HandLink implements DoorLink {
        Consumer<Inbound> handler;

        @Override
        public void start() {}

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void subscribe(Consumer<Inbound> h, String... topics) {
            handler = h;
        }

        @Override
        public void onlineListener(Consumer<Boolean> listener) {}

        @Override
        public boolean online() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Test
    void givenDecisionsAndOtherMessages_whenTheyArrive_thenOnlyWellFormedDecisionsAreTappedAndAllReachTheDoor() {
        HandLink inner = new HandLink();
        List<Decision> tapped = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        DoorLink link = DecisionTap.around(inner, (d, at) -> tapped.add(d));
        link.subscribe(m -> delivered.add(m.topic()), Topics.decision("door-1"), Topics.commands("door-1"));

        String captureId = UUID.randomUUID().toString();
        Decision grant = Decision.grant("door-1", captureId, "b-1", 99.5, Instant.now(), Duration.ofSeconds(8));
        inner.handler.accept(new DoorLink.Inbound(Topics.decision("door-1"), MessageCodec.encode(grant)));
        inner.handler.accept(new DoorLink.Inbound(Topics.decision("door-1"),
                "{not json".getBytes(StandardCharsets.UTF_8)));
        inner.handler.accept(new DoorLink.Inbound(Topics.commands("door-1"), MessageCodec.encode(grant)));

        assertThat(tapped).extracting(Decision::captureId).containsExactly(captureId);
        assertThat(delivered).containsExactly(Topics.decision("door-1"), Topics.decision("door-1"),
                Topics.commands("door-1"));
    }
}

package com.facegate.device.status;

import com.facegate.device.mqtt.DoorLink;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.Failures;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the door's {@link DoorStatus} on connect, on every change and periodically (best effort, QoS 1). */
public final class StatusReporter {
    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    private final DoorLink link;
    private final String topic;
    private final Supplier<DoorStatus> status;

    public StatusReporter(DoorLink link, String doorId, Supplier<DoorStatus> status) {
        this.link = link;
        this.topic = Topics.status(doorId);
        this.status = status;
    }

    public void publish() {
        if (!link.online()) {
            return;
        }
        try {
            link.publish(topic, MessageCodec.encode(status.get())).exceptionally(e -> {
                LOG.debug("status not acknowledged: {}", Failures.describe(e));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("status publish failed: {}", Failures.describe(e));
        }
    }
}

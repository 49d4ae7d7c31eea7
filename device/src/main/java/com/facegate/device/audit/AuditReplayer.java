package com.facegate.device.audit;

import com.facegate.device.log.LogSafe;
import com.facegate.device.mqtt.Backoff;
import com.facegate.device.mqtt.DoorLink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends journaled audit events to the door's audit topic while the link is online, in batches, and advances the
 * journal's ack position only after every PUBACK of a batch has arrived. Anything not acknowledged is sent again
 * (after a reconnect or a restart): at-least-once, deduplicated downstream by event id.
 */
public final class AuditReplayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditReplayer.class);
    private static final int BATCH = 64;

    private final AuditJournal journal;
    private final DoorLink link;
    private final String topic;
    private final Thread thread;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
    private volatile boolean running = true;

    public AuditReplayer(AuditJournal journal, DoorLink link, String topic) {
        this.journal = journal;
        this.link = link;
        this.topic = topic;
        this.thread = new Thread(this::loop, "audit-replayer");
        thread.setDaemon(true);
    }

    public AuditReplayer start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                if (!link.online() || journal.pending() == 0) {
                    journal.awaitRecords(250);
                    continue;
                }
                List<AuditJournal.Entry> batch = journal.unacknowledged(BATCH);
                if (batch.isEmpty()) {
                    journal.awaitRecords(250);
                    continue;
                }
                CompletableFuture<?>[] acks = batch.stream().map(e -> link.publish(topic, e.json()))
                        .toArray(CompletableFuture[]::new);
                CompletableFuture.allOf(acks).get(20, TimeUnit.SECONDS);
                journal.acknowledge(batch.get(batch.size() - 1).next(), batch.size());
                backoff.reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                long wait = backoff.next().toMillis();
                LOG.warn("audit replay not acknowledged ({}); retrying in {} ms", LogSafe.describe(e), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

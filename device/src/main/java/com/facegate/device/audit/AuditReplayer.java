package com.facegate.device.audit;

import com.facegate.device.mqtt.DoorLink;
import com.facegate.protocol.Failures;
import com.facegate.protocol.retry.Jitter;
import com.facegate.protocol.retry.RetryDelays;
import com.facegate.protocol.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends journaled audit events to the door's audit topic while the link is online, in batches, and advances the
 * journal's ack position only after every PUBACK of a batch has arrived. Anything not acknowledged is sent again
 * (after a reconnect or a restart): at-least-once, deduplicated downstream by event id. A batch that is not
 * acknowledged is retried after {@link #DELAYS}, growing while the failures last.
 */
public final class AuditReplayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditReplayer.class);
    private static final int BATCH = 64;
    /** 200 ms doubling to 10 s, never sooner than 200 ms. */
    static final RetryDelays DELAYS =
            RetryDelays.exponential(Duration.ofMillis(200), 2, Duration.ofSeconds(10), Jitter.ABOVE_INITIAL);

    private final AuditJournal journal;
    private final DoorLink link;
    private final String topic;
    private final Thread thread;
    private final Sleeper sleeper;
    private int failedBatches; // in a row; only touched on the replay thread
    private volatile boolean running = true;

    public AuditReplayer(AuditJournal journal, DoorLink link, String topic) {
        this(journal, link, topic, Sleeper.real());
    }

    /** With the wait between failed batches going through {@code sleeper} (tests record it). */
    AuditReplayer(AuditJournal journal, DoorLink link, String topic, Sleeper sleeper) {
        this.journal = journal;
        this.link = link;
        this.topic = topic;
        this.sleeper = sleeper;
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
                failedBatches = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Duration wait = DELAYS.before(++failedBatches);
                LOG.warn("audit replay not acknowledged ({}); retrying in {} ms", Failures.describe(e),
                        wait.toMillis());
                try {
                    sleeper.sleep(wait);
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

package com.facegate.device.offline;

import com.facegate.protocol.Failures;
import com.facegate.protocol.retry.RetryDelays;
import com.facegate.protocol.retry.Sleeper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an offline mode that nothing else would end: while {@link CloudHealth#needsProbe()} (MQTT up, but captures
 * got no decision), it tries a cheap authorised request to the cloud with the backoff of the project's retry
 * delays, and on the first success tells {@link CloudHealth#cloudReached()} and {@code restored}. The backoff
 * starts again only once a decision has come: a cloud whose storage answers but whose handler does not sends the
 * door back offline after one more visit, and is probed less and less often. Runs on its own
 * thread: a slow or hanging S3 must not hold up the door's scheduler (watchdog, status, deadlines).
 */
public final class CloudProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudProbe.class);
    /** How often an idle probe looks whether it is needed: cheap (two volatile reads). */
    private static final Duration IDLE = Duration.ofMillis(250);

    /** One attempt to reach the cloud; throws when it could not. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private final CloudHealth health;
    private final Check check;
    private final RetryDelays delays;
    private final Sleeper sleeper;
    private final Runnable restored;
    private final Thread thread;
    private volatile boolean running = true;

    public CloudProbe(CloudHealth health, Check check, RetryDelays delays, Sleeper sleeper, Runnable restored) {
        this.health = health;
        this.check = check;
        this.delays = delays;
        this.sleeper = sleeper;
        this.restored = restored;
        this.thread = new Thread(this::run, "cloud-probe");
        thread.setDaemon(true);
    }

    public CloudProbe start() {
        thread.start();
        return this;
    }

    private void run() {
        int attempt = 0;
        try {
            while (running) {
                if (!health.needsProbe()) {
                    if (health.decisionsFlowing()) {
                        attempt = 0;
                    }
                    sleeper.sleep(IDLE);
                    continue;
                }
                attempt++;
                sleeper.sleep(delays.before(attempt));
                if (running && health.needsProbe()) {
                    probe(attempt);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void probe(int attempt) {
        try {
            check.run();
        } catch (Exception e) {
            LOG.warn("cloud probe {} failed: {}", attempt, Failures.describe(e));
            return;
        }
        LOG.info("cloud reachable again (probe {}): back to cloud decisions", attempt);
        health.cloudReached();
        try {
            restored.run();
        } catch (RuntimeException e) {
            LOG.error("after a successful cloud probe: {}", Failures.describe(e));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.facegate.device.mqtt;

import com.facegate.device.config.DoorConfig;
import com.facegate.protocol.Failures;
import com.facegate.protocol.retry.Jitter;
import com.facegate.protocol.retry.RetryDelays;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttClientConnectionEvents;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;

/**
 * MQTT over mTLS through the AWS IoT Device SDK: client id = door id, persistent session (clean session off, so
 * QoS 1 decisions sent while the door was briefly away are delivered on return), keep-alive. Once connected,
 * the SDK reconnects by itself within [reconnectMin, reconnectMax]; the first connect, which the SDK does not
 * retry, is retried here with bounded exponential backoff and jitter (never sooner than reconnectMin), so that a
 * building's doors do not all reconnect in the same second after a broker restart.
 */
public final class IotDoorLink implements DoorLink {
    private static final Logger LOG = LoggerFactory.getLogger(IotDoorLink.class);

    private final DoorConfig.Mqtt cfg;
    private final String clientId;
    private final MqttClientConnection connection;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    private final RetryDelays reconnectDelays;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> topics = new CopyOnWriteArrayList<>();
    private final AtomicBoolean online = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledFuture<?> nextAttempt; // only touched on the retry thread: one reconnect attempt at a time
    private int failedAttempts; // since the last time online; only touched on the retry thread
    private volatile Consumer<Inbound> handler = m -> { };

    public IotDoorLink(String doorId, DoorConfig.Mqtt cfg) {
        this.cfg = cfg;
        this.clientId = doorId;
        this.reconnectDelays = RetryDelays.exponential(Duration.ofSeconds(cfg.reconnectMinSecs()), 2,
                Duration.ofSeconds(cfg.reconnectMaxSecs()), Jitter.ABOVE_INITIAL);
        // The CRT's own JVM shutdown hook stops its event loops, racing ours: on SIGTERM the DISCONNECT would never
        // complete (5 s lost, the broker left to time the session out). Holding a reference defers that to close().
        CRT.acquireShutdownRef();
        try (AwsIotMqttConnectionBuilder b = AwsIotMqttConnectionBuilder
                .newMtlsBuilderFromPath(cfg.certFile().toString(), cfg.keyFile().toString())) {
            b.withCertificateAuthorityFromPath(null, cfg.caFile().toString())
                    .withEndpoint(cfg.host())
                    .withPort(cfg.port())
                    .withClientId(doorId)
                    .withCleanSession(false)
                    .withKeepAliveSecs(cfg.keepAliveSecs())
                    .withPingTimeoutMs(5000)
                    .withProtocolOperationTimeoutMs(15_000)
                    .withReconnectTimeoutSecs(cfg.reconnectMinSecs(), cfg.reconnectMaxSecs())
                    .withConnectionEventCallbacks(new Events());
            this.connection = b.build();
        } catch (RuntimeException e) {
            CRT.releaseShutdownRef();
            throw e;
        }
        connection.onMessage(m -> handler.accept(new Inbound(m.getTopic(), m.getPayload())));
    }

    private final class Events implements MqttClientConnectionEvents {
        @Override
        public void onConnectionInterrupted(int errorCode) {
            LOG.warn("mqtt connection interrupted (error {}); the SDK reconnects", errorCode);
            setOnline(false);
        }

        @Override
        public void onConnectionResumed(boolean sessionPresent) {
            LOG.info("mqtt connection resumed (session present: {})", sessionPresent);
            if (sessionPresent) {
                setOnline(true);
            } else if (!closed.get()) {
                // Not on this SDK thread: waiting for the SUBACKs here would block their delivery.
                retry.execute(IotDoorLink.this::subscribeThenOnline);
            }
        }
    }

    @Override
    public void subscribe(Consumer<Inbound> h, String... t) {
        this.handler = h;
        topics.addAll(List.of(t));
    }

    @Override
    public void onlineListener(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    @Override
    public boolean online() {
        return online.get();
    }

    @Override
    public void start() {
        retry.execute(this::connectOnce);
    }

    private void connectOnce() {
        nextAttempt = null;
        if (closed.get()) {
            return;
        }
        try {
            boolean sessionPresent = connection.connect().get(30, TimeUnit.SECONDS);
            LOG.info("mqtt connected to {}:{} as {} (session present: {})", cfg.host(), cfg.port(), clientId,
                    sessionPresent);
        } catch (Exception e) {
            retryLater("connect", e);
            return;
        }
        subscribeThenOnline();
    }

    /**
     * Online only once the broker acknowledged every subscription: a command published as soon as the door
     * reports online would otherwise be lost. A failed or timed-out subscribe drops the connection and takes the
     * same backoff as a failed connect.
     */
    private void subscribeThenOnline() {
        try {
            subscribeAll().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e instanceof InterruptedException)) {
                disconnectQuietly();
            }
            retryLater("subscribe", e);
            return;
        }
        failedAttempts = 0;
        setOnline(true);
    }

    private void retryLater(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return;
        }
        Duration d = reconnectDelays.before(++failedAttempts);
        LOG.warn("mqtt {} failed ({}); retrying in {} ms", what, Failures.describe(Failures.root(e)), d.toMillis());
        if (!closed.get() && nextAttempt == null) {
            nextAttempt = retry.schedule(this::connectOnce, d.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private CompletableFuture<Void> subscribeAll() {
        return CompletableFuture.allOf(topics.stream()
                .map(t -> connection.subscribe(t, QualityOfService.AT_LEAST_ONCE).whenComplete((id, err) -> {
                    if (err != null) {
                        LOG.error("subscribe to {} failed: {}", t, Failures.describe(Failures.root(err)));
                    }
                }))
                .toArray(CompletableFuture[]::new));
    }

    private void disconnectQuietly() {
        setOnline(false);
        String failure = disconnect();
        if (failure != null) {
            LOG.debug("mqtt disconnect: {}", failure);
        }
    }

    /** Sends DISCONNECT and waits for it (bounded); null when it completed, otherwise what went wrong. */
    private String disconnect() {
        try {
            connection.disconnect().get(5, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Failures.describe(Failures.root(e));
        }
    }

    private void setOnline(boolean now) {
        if (online.getAndSet(now) != now) {
            listeners.forEach(l -> l.accept(now));
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        return connection.publish(new MqttMessage(topic, payload, QualityOfService.AT_LEAST_ONCE, false))
                .thenApply(id -> null);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        retry.shutdownNow();
        try {
            String failure = online.get() ? disconnect() : null;
            if (failure != null) {
                LOG.warn("mqtt disconnect did not complete ({}); the broker ends the session on keep-alive timeout",
                        failure);
            }
        } finally {
            setOnline(false);
            connection.close();
            CRT.releaseShutdownRef();
        }
    }
}

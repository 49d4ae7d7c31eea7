package com.facegate.local.aws.mqtt;

import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.SecureFiles;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.protocol.Failures;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local MQTT broker: HiveMQ CE embedded, one mTLS listener trusting only the local CA, the per-door policy
 * of {@link DoorAccessExtension}, an in-process publish for the IoT data-plane endpoint and a tap delivering
 * door audit/status messages to listeners (in order, on one thread, off the network threads).
 */
public final class LocalBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);
    /** How soon a certificate revoked from outside this process loses its live session. */
    public static final Duration REVOCATION_CHECK = Duration.ofMillis(250);

    private final Path dir;
    private final String host;
    private final int requestedPort;
    private final LocalCa ca;
    private final LocalCa.ServerCredentials server;
    private final boolean persistent;
    private final List<DoorMessageListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DoorMessageListener> presenceListeners = new CopyOnWriteArrayList<>();
    private volatile ExecutorService dispatcher;
    private ScheduledExecutorService revocationWatch;
    private final ToLongFunction<Path> usableSpace;
    private final Duration startTimeout;
    private BrokerDataFolder claimed;
    private volatile DoorAccessExtension extension;
    private volatile EmbeddedHiveMQ hivemq;
    private int port;

    private LocalBroker(Builder b) {
        this.dir = Objects.requireNonNull(b.dataDir, "dataDir");
        this.host = b.host;
        this.requestedPort = b.port;
        this.ca = Objects.requireNonNull(b.ca, "ca");
        this.server = Objects.requireNonNull(b.server, "serverCredentials");
        this.persistent = b.persistent;
        this.usableSpace = b.usableSpace;
        this.startTimeout = b.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized LocalBroker start() {
        if (hivemq != null) {
            return this;
        }
        Path conf = SecureFiles.privateDirectory(dir.resolve("conf"));
        Path data = SecureFiles.privateDirectory(dir.resolve("data"));
        Path extensions = SecureFiles.privateDirectory(dir.resolve("extensions"));
        // Fresh store passwords each start: the stores are derived from the PEM files and rewritten anyway.
        String pw = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path keyStore = conf.resolve("broker-keystore.p12");
        Path trustStore = conf.resolve("broker-truststore.p12");
        TlsContexts.writePkcs12(TlsContexts.keyStore(server.certificate(), server.privateKey(), server.caCertificate(),
                pw.toCharArray()), keyStore, pw.toCharArray());
        TlsContexts.writePkcs12(TlsContexts.trustStore(ca.certificatePath()), trustStore, pw.toCharArray());
        port = requestedPort == 0 ? freePort(host) : requestedPort;
        BrokerConfigWriter.write(conf, host, port, keyStore, pw, trustStore, pw, persistent);

        dispatcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mqtt-door-messages");
            t.setDaemon(true);
            return t;
        });
        extension = new DoorAccessExtension(ca.revocations()::isRevoked,
                (topic, payload) -> dispatch(listeners, topic, payload),
                (topic, payload) -> dispatch(presenceListeners, topic, payload));
        EmbeddedExtension embedded = EmbeddedExtension.builder()
                .withId("facegate-door-access").withName("FaceGate door access").withVersion("1")
                .withPriority(1000).withStartPriority(1000).withAuthor("FaceGate")
                .withExtensionMain(extension).build();
        BrokerDataFolder folder = BrokerDataFolder.claim(data, persistent, usableSpace);
        EmbeddedHiveMQ mq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(embedded)
                .withoutLoggingBootstrap()
                .build();
        try {
            // Bounded: HiveMQ waits forever on a store it cannot open; a daemon must fail and say why instead.
            mq.start().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeQuietly(mq);
            folder.close();
            throw new IllegalStateException("MQTT broker did not start on " + host + ":" + port + " within "
                    + startTimeout.toSeconds() + " s (data folder " + data + ", "
                    + usableSpace.applyAsLong(data) / (1024 * 1024) + " MB free)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(mq);
            folder.close();
            throw new IllegalStateException("interrupted while the MQTT broker started", e);
        } catch (ExecutionException | RuntimeException e) {
            closeQuietly(mq);
            folder.close();
            throw new IllegalStateException("MQTT broker did not start on " + host + ":" + port, e);
        }
        hivemq = mq;
        claimed = folder;
        revocationWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-revocation-watch");
            t.setDaemon(true);
            return t;
        });
        // provision-door --rotate may run in another process: the denylist file is the only signal it leaves.
        // Nothing waits on it: it runs until close() shuts the watch down, and logs its own failures.
        var unused = revocationWatch.scheduleWithFixedDelay(this::endRevokedSessions, REVOCATION_CHECK.toMillis(),
                REVOCATION_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("MQTT broker (mTLS only) listening on {}:{}", host, port);
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Receives what doors publish on their own audit and status topics. */
    public void addListener(DoorMessageListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Receives door connects and disconnects as AWS IoT lifecycle events ({@code $aws/events/presence/...}). */
    public void addPresenceListener(DoorMessageListener listener) {
        presenceListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Publishes from inside the stack (the cloud side), bypassing door policy; completes once routed, and fails
     * (never throws) when the broker does not take the message: stopped, stopping, or refusing it (HiveMQ's rate
     * limit), so that the IoT data endpoint answers an error as AWS IoT does.
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("qos must be 0 or 1");
        }
        DoorAccessExtension e = extension;
        if (e == null || hivemq == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker is not running"));
        }
        try {
            var publish = Builders.publish().topic(topic).payload(ByteBuffer.wrap(payload.clone()))
                    .qos(qos == 1 ? Qos.AT_LEAST_ONCE : Qos.AT_MOST_ONCE).build();
            return e.publishService().publish(publish);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /**
     * Disconnects every door whose certificate was revoked since it connected (the broker also checks by itself
     * every {@link #REVOCATION_CHECK}); returns how many sessions it ended.
     */
    public int disconnectRevoked() {
        DoorAccessExtension e = extension;
        if (e == null) {
            throw new IllegalStateException("broker is not running");
        }
        return e.disconnectRevoked();
    }

    private void endRevokedSessions() {
        try {
            DoorAccessExtension e = extension;
            if (e != null) {
                e.disconnectRevoked();
            }
        } catch (RuntimeException e) {
            LOG.error("revoked door sessions not checked: {}", Failures.describe(e));
        }
    }

    private void dispatch(List<DoorMessageListener> targets, String topic, byte[] payload) {
        ExecutorService d = dispatcher;
        if (d == null || d.isShutdown()) {
            LOG.error("broker stopping: a message on {} was not handed to the cloud side", topic);
            return;
        }
        d.execute(() -> {
            for (DoorMessageListener l : targets) {
                try {
                    l.onMessage(topic, payload);
                } catch (Exception e) {
                    LOG.error("door message listener failed for topic {}", topic, e);
                }
            }
        });
    }

    @Override
    public synchronized void close() {
        EmbeddedHiveMQ mq = hivemq;
        hivemq = null;
        if (mq != null) {
            closeQuietly(mq);
        }
        extension = null;
        if (claimed != null) {
            claimed.close();
            claimed = null;
        }
        if (revocationWatch != null) {
            revocationWatch.shutdownNow();
            revocationWatch = null;
        }
        ExecutorService d = dispatcher;
        if (d != null) {
            d.shutdown();
            try {
                d.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ mq) {
        try {
            mq.close();
        } catch (Exception e) {
            LOG.warn("MQTT broker did not stop cleanly", e);
        }
    }

    static int freePort(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    public static final class Builder {
        private Path dataDir;
        private String host = "127.0.0.1";
        private int port = 8883;
        private LocalCa ca;
        private LocalCa.ServerCredentials server;
        private boolean persistent = true;
        private ToLongFunction<Path> usableSpace = BrokerDataFolder::usableSpace;
        private Duration startTimeout = Duration.ofSeconds(60);

        /** How much room the data folder's disk has (a seam for tests: a simulated small disk). */
        public Builder usableSpace(ToLongFunction<Path> usableSpace) {
            this.usableSpace = usableSpace;
            return this;
        }

        /** How long start-up may take before it fails (default 60 s). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Folder for HiveMQ's configuration, stores and (when persistent) its sessions: {@code <data>/mqtt}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** TLS port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder ca(LocalCa ca) {
            this.ca = ca;
            return this;
        }

        public Builder serverCredentials(LocalCa.ServerCredentials server) {
            this.server = server;
            return this;
        }

        /** File persistence keeps QoS 1 sessions across restarts; tests use in-memory for speed. */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        public LocalBroker build() {
            return new LocalBroker(this);
        }
    }
}

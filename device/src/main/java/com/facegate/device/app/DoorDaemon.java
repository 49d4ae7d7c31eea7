package com.facegate.device.app;

import com.facegate.device.audit.AuditJournal;
import com.facegate.device.audit.AuditLog;
import com.facegate.device.audit.AuditReplayer;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.capture.FrameSources;
import com.facegate.device.command.CommandGate;
import com.facegate.device.config.ConfigException;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.config.DoorConfigLoader;
import com.facegate.device.decision.DecisionGate;
import com.facegate.device.decision.HonouredIds;
import com.facegate.device.decision.PendingCaptures;
import com.facegate.device.door.DoorContact;
import com.facegate.device.door.DoorMonitor;
import com.facegate.device.door.GpioInput;
import com.facegate.device.door.GpioRelay;
import com.facegate.device.door.Relay;
import com.facegate.device.gate.CaptureLoop;
import com.facegate.device.gate.FaceGate;
import com.facegate.device.gate.VisitCooldown;
import com.facegate.device.mqtt.DoorLink;
import com.facegate.device.mqtt.IotDoorLink;
import com.facegate.device.offline.CloudHealth;
import com.facegate.device.offline.GalleryStore;
import com.facegate.device.offline.OfflineDecider;
import com.facegate.device.status.StatusReporter;
import com.facegate.device.upload.CaptureUploader;
import com.facegate.device.upload.S3Clients;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.Topics;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The door daemon: {@code java -cp ... com.facegate.device.app.DoorDaemon --config /etc/facegate/door.properties},
 * or in-process via {@link #start(DoorConfig, FaceEngine)} / {@link #builder(DoorConfig)}; {@link #close()} stops
 * everything and leaves the relay off.
 */
public final class DoorDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DoorDaemon.class);
    public static final String VERSION = "0.1.0";

    private final DoorConfig cfg;
    private final Clock clock;
    private final Context pi4j;
    private final boolean ownsPi4j;
    private final Relay relay;
    private final DoorContact contact;
    private final DoorContact exitButton;
    private final DoorMonitor monitor;
    private final AuditJournal journal;
    private final AuditLog audit;
    private final HonouredIds honoured;
    private final PendingCaptures pending = new PendingCaptures();
    private final DoorLink link;
    private final S3Client s3;
    private final boolean ownsS3;
    private final CloudHealth health;
    private final DoorController controller;
    private final AuditReplayer replayer;
    private final StatusReporter status;
    private final CaptureLoop capture;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "door-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
    private volatile boolean closed;

    /** Optional parts; anything not given is built from the config. */
    public static final class Builder {
        private final DoorConfig cfg;
        private FaceEngine engine;
        private DoorLink link;
        private S3Client s3;
        private Context pi4j;
        private Clock clock = Clock.systemUTC();
        private FrameSource frames;
        private boolean capture = true;
        private boolean paced = true;
        private Duration cameraRetry = Duration.ofSeconds(1);
        private Duration cameraRetryMax = Duration.ofSeconds(30);

        private Builder(DoorConfig cfg) {
            this.cfg = cfg;
        }

        public Builder engine(FaceEngine e) { this.engine = e; return this; }
        public Builder link(DoorLink l) { this.link = l; return this; }
        public Builder s3(S3Client c) { this.s3 = c; return this; }
        public Builder pi4j(Context c) { this.pi4j = c; return this; }
        public Builder clock(Clock c) { this.clock = c; return this; }
        public Builder frames(FrameSource f) { this.frames = f; return this; }
        /** No camera at all (tests that only exercise decisions and commands). */
        public Builder noCapture() { this.capture = false; return this; }
        public Builder paced(boolean p) { this.paced = p; return this; }
        /** Backoff between restarts of a failed camera (default 1 s doubling to 30 s). */
        public Builder cameraRetry(Duration first, Duration max) {
            this.cameraRetry = first;
            this.cameraRetryMax = max;
            return this;
        }

        public DoorDaemon start() throws IOException {
            return new DoorDaemon(this);
        }
    }

    public static Builder builder(DoorConfig cfg) {
        return new Builder(cfg);
    }

    public static DoorDaemon start(DoorConfig cfg, FaceEngine engine) throws IOException {
        return builder(cfg).engine(engine).start();
    }

    private DoorDaemon(Builder b) throws IOException {
        this.cfg = b.cfg;
        this.clock = b.clock;
        this.ownsPi4j = b.pi4j == null;
        this.pi4j = b.pi4j != null ? b.pi4j : Pi4J.newAutoContext();
        // Relay first, and off: whatever happens next, the door starts locked.
        this.relay = new GpioRelay(pi4j, cfg.door().relayPin(), cfg.door().relayActiveHigh(), cfg.door().maxPulse());
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Path state = cfg.stateDir();
            this.journal = new AuditJournal(state.resolve("journal"), cfg.journal().segmentBytes(),
                    cfg.journal().maxBytes(), cfg.journal().nearFullRatio());
            opened.add(journal);
            this.audit = new AuditLog(journal, cfg.doorId(), clock);
            this.honoured = new HonouredIds(state.resolve("honoured-ids.log"), cfg.decisions().rememberIds());
            opened.add(honoured);
            this.link = b.link != null ? b.link : new IotDoorLink(cfg.doorId(), cfg.mqtt());
            opened.add(link);
            this.ownsS3 = b.s3 == null;
            this.s3 = b.s3 != null ? b.s3 : S3Clients.create(cfg.s3());
            this.health = new CloudHealth(clock, cfg.offline().offlineAfter(), cfg.offline().missedDecisions());
            this.monitor = new DoorMonitor(cfg.doorId(), audit, clock, cfg.door().heldOpenAfter(),
                    cfg.door().authorizedOpenWindow(), this::statusChanged);
            this.status = new StatusReporter(link, cfg.doorId(), this::doorStatus);
            byte[] galleryKey = cfg.offline().galleryKeyBase64() == null ? null
                    : Base64.getDecoder().decode(cfg.offline().galleryKeyBase64());
            GalleryStore gallery = new GalleryStore(cfg.doorId(), galleryKey, state.resolve("gallery.bin"), s3,
                    cfg.s3().bucket(), cfg.offline().galleryKey());
            OfflineDecider offline = new OfflineDecider(cfg.offline().policy(), cfg.offline().minSimilarity(), gallery);
            DecisionGate decisions = new DecisionGate(cfg.doorId(), pending, honoured, clock,
                    cfg.decisions().clockSkew(), () -> controller().lockdown());
            CommandGate commands = new CommandGate(cfg.doorId(), honoured, clock, cfg.decisions().clockSkew());
            this.controller = new DoorController(cfg, clock, relay, monitor, audit, pending, decisions, commands,
                    health, offline, gallery, new CaptureUploader(s3, cfg.s3().bucket(), cfg.doorId(), clock),
                    this::statusChanged);

            if (cfg.door().hasContact()) {
                this.contact = new GpioInput(pi4j, "contact", cfg.door().contactPin(), cfg.door().contactOpenHigh(),
                        cfg.door().contactPull());
                monitor.watch(contact);
            } else {
                this.contact = null;
            }
            if (cfg.door().hasExitButton()) {
                this.exitButton = new GpioInput(pi4j, "exit", cfg.door().exitButtonPin(), false,
                        cfg.door().exitButtonPull());
                exitButton.onChange(pressed -> {
                    if (pressed) {
                        controller.exitRequested();
                    }
                });
            } else {
                this.exitButton = null;
            }

            link.subscribe(controller::onMessage, Topics.decision(cfg.doorId()), Topics.commands(cfg.doorId()));
            link.onlineListener(online -> {
                health.linkOnline(online);
                if (online) {
                    status.publish();
                }
            });
            this.replayer = new AuditReplayer(journal, link, Topics.audit(cfg.doorId())).start();
            audit.record(AuditEvent.of(cfg.doorId(), AuditEvent.Type.DAEMON_STARTED, AuditEvent.SOURCE_DEVICE,
                    clock.instant()).withDetails(java.util.Map.of("version", VERSION)));
            link.start();
            if (galleryKey != null) {
                scheduler.execute(gallery::resync);
            }

            if (b.capture && b.engine != null) {
                FrameSource source = b.frames != null ? b.frames : FrameSources.open(cfg.capture(), clock);
                // A given source (tests, the local site) is asked again after a fault; the configured one reopened.
                CaptureLoop.Reopener reopen = b.frames != null ? null : () -> FrameSources.open(cfg.capture(), clock);
                VisitCooldown cooldown = new VisitCooldown(cfg.gate().cooldown(), cfg.gate().cooldownCosine());
                FaceGate gate = new FaceGate(cfg.gate().bestFrameWindow(), cfg.gate().minFaceFraction(), cooldown);
                this.capture = new CaptureLoop(source, b.engine, gate, controller::onCandidate,
                        cfg.gate().idleInterval(), cfg.gate().activeInterval(), b.paced, cfg.gate().jpegQuality())
                        .recovering(reopen, new CameraAudit(audit, cfg.doorId(), clock), b.cameraRetry,
                                b.cameraRetryMax)
                        .start();
            } else {
                this.capture = null;
            }
            scheduler.scheduleWithFixedDelay(controller::tick, 250, 250, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(status::publish, cfg.statusInterval().toMillis(),
                    cfg.statusInterval().toMillis(), TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(systemd::watchdog, 0, cfg.watchdogInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            systemd.ready();
            LOG.info("door {} daemon started (version {}, offline policy {})", cfg.doorId(), VERSION,
                    cfg.offline().policy());
        } catch (IOException | RuntimeException e) {
            relay.close();
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            if (ownsPi4j) {
                pi4j.shutdown();
            }
            throw e;
        }
    }

    private DoorController controller() {
        return controller;
    }

    private void statusChanged() {
        if (status != null) {
            scheduler.execute(status::publish);
        }
    }

    public DoorStatus doorStatus() {
        return DoorStatus.of(cfg.doorId(), clock.instant(), link.online(),
                relay.energised() ? DoorStatus.Lock.UNLOCKED : DoorStatus.Lock.LOCKED,
                monitor.contact(), controller.lockdown(), health.offline(), VERSION, journal.pending());
    }

    public DoorController doorController() { return controller; }
    public Relay relay() { return relay; }
    public AuditJournal journal() { return journal; }
    public com.facegate.device.audit.AuditSink audit() { return audit; }
    public DoorLink link() { return link; }
    public PendingCaptures pending() { return pending; }
    public DoorMonitor monitor() { return monitor; }
    public CaptureLoop captureLoop() { return capture; }
    public Context pi4j() { return pi4j; }

    /** Stops everything; the relay is off when this returns, whatever failed on the way. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        relay.off();
        systemd.stopping();
        try {
            if (capture != null) {
                capture.close();
            }
            scheduler.shutdownNow();
            audit.record(AuditEvent.of(cfg.doorId(), AuditEvent.Type.DAEMON_STOPPED, AuditEvent.SOURCE_DEVICE,
                    clock.instant()));
            replayer.close();
            link.close();
            monitor.close();
            if (contact != null) {
                contact.close();
            }
            if (exitButton != null) {
                exitButton.close();
            }
            honoured.close();
            journal.close();
            if (ownsS3) {
                s3.close();
            }
        } catch (RuntimeException e) {
            LOG.error("error while stopping: {}", e.toString());
        } finally {
            relay.close();
            if (ownsPi4j) {
                pi4j.shutdown();
            }
            LOG.info("door {} daemon stopped; relay off", cfg.doorId());
        }
    }

    public static void main(String[] args) throws Exception {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = Path.of(args[++i]);
            }
        }
        if (config == null) {
            System.err.println("usage: DoorDaemon --config /etc/facegate/door.properties");
            System.exit(2);
        }
        DoorConfig cfg;
        try {
            cfg = DoorConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(78); // EX_CONFIG: systemd shows it; Restart= does not loop on it with RestartPreventExitStatus
            return;
        }
        FaceEngine engine = OnnxFaceEngine.load();
        DoorDaemon daemon = start(cfg, engine);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close();
            engine.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

}

package com.facegate.device.app;

import com.facegate.device.audit.AuditJournal;
import com.facegate.device.audit.AuditReplayer;
import com.facegate.device.audit.AuditSink;
import com.facegate.device.audit.DiskWatch;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.credential.FeedbackLine;
import com.facegate.device.credential.Presented;
import com.facegate.device.decision.PendingCaptures;
import com.facegate.device.door.DoorMonitor;
import com.facegate.device.door.Relay;
import com.facegate.device.gate.CaptureLoop;
import com.facegate.device.mqtt.DoorLink;
import com.facegate.device.offline.GalleryStore;
import com.facegate.engine.FaceEngine;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.Topics;
import com.pi4j.context.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A running door: {@link DoorAssembly} builds the parts, this starts them in order and {@link #close()} stops
 * what was started newest-first, leaving the relay off. Run by {@link DoorMain}, or in-process via
 * {@link #start(DoorConfig, FaceEngine)} / {@link #builder(DoorConfig)}.
 */
public final class DoorDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DoorDaemon.class);
    public static final String VERSION = "0.1.0";

    private final DoorAssembly door;
    private final StartedParts started;
    private final CaptureLoop capture;
    private boolean closed;

    /** Optional parts; anything not given is built from the config. */
    public static final class Builder {
        final DoorConfig cfg;
        FaceEngine engine;
        DoorLink link;
        S3Client s3;
        Context pi4j;
        Clock clock = Clock.systemUTC();
        FrameSource frames;
        boolean capture = true;
        boolean paced = true;
        Duration cameraRetry = Duration.ofSeconds(1);
        Duration cameraRetryMax = Duration.ofSeconds(30);
        Duration probeRetry = Duration.ofSeconds(2);
        Duration probeRetryMax = Duration.ofSeconds(60);
        Consumer<Presented> presented;
        DiskWatch.FreeSpace freeSpace = DiskWatch.fileStore();
        Duration galleryRefresh;

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
        /** Where the card reader's and keypad's credentials go (default: logged at DEBUG, not attached). */
        public Builder presented(Consumer<Presented> c) { this.presented = c; return this; }
        /** How the state disk's free space is measured (default: its file store; tests simulate a full disk). */
        public Builder freeSpace(DiskWatch.FreeSpace f) { this.freeSpace = f; return this; }
        /** How often the offline gallery is refreshed (default offline.galleryRefresh; tests go below its 10 s). */
        public Builder galleryRefresh(Duration d) { this.galleryRefresh = d; return this; }
        /** Backoff between restarts of a failed camera (default 1 s doubling to 30 s). */
        public Builder cameraRetry(Duration first, Duration max) {
            this.cameraRetry = first;
            this.cameraRetryMax = max;
            return this;
        }

        /** Backoff between probes of the cloud while no decisions come (default 2 s doubling to 60 s). */
        public Builder cloudProbe(Duration first, Duration max) {
            this.probeRetry = first;
            this.probeRetryMax = max;
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
        StartedParts parts = new StartedParts();
        DoorAssembly d = null;
        try {
            d = new DoorAssembly(b, parts);
            this.capture = start(d, parts);
            startGalleryRefresh(d, b.galleryRefresh != null ? b.galleryRefresh : d.cfg.offline().galleryRefresh(),
                    parts);
        } catch (IOException | RuntimeException e) {
            if (d != null) {
                d.relay.off();
            }
            parts.close();
            throw e;
        }
        this.door = d;
        this.started = parts;
        LOG.info("door {} daemon started (version {}, offline policy {})", door.cfg.doorId(), VERSION,
                door.cfg.offline().policy());
    }

    /** Starts the assembled parts in order, each registered with how to stop it; returns the capture loop. */
    private static CaptureLoop start(DoorAssembly d, StartedParts parts) throws IOException {
        String doorId = d.cfg.doorId();
        d.link.subscribe(d.controller::onMessage, Topics.decision(doorId), Topics.commands(doorId));
        d.link.onlineListener(online -> {
            d.health.linkOnline(online);
            if (online) {
                d.status.publish();
            }
        });
        parts.opened("audit replayer", new AuditReplayer(d.journal, d.link, Topics.audit(doorId)).start());
        d.audit.record(AuditEvent.of(doorId, AuditEvent.Type.DAEMON_STARTED, AuditEvent.SOURCE_DEVICE,
                d.clock.instant()).withDetails(Map.of("version", VERSION)));
        parts.started("daemon audit", () -> d.audit.record(AuditEvent.of(doorId, AuditEvent.Type.DAEMON_STOPPED,
                AuditEvent.SOURCE_DEVICE, d.clock.instant())));
        parts.started("scheduler", d.scheduler::shutdownNow);
        d.link.start();
        d.credentials.start();
        CaptureLoop capture = d.captureLoop();
        if (capture != null) {
            d.controller.camera(capture::cameraDown);
            parts.opened("capture loop", capture.start());
        }
        parts.opened("cloud probe", d.cloudProbe().start());
        // Nothing waits on these schedules: they run until the scheduler is shut down on close.
        var unusedTick = d.scheduler.scheduleWithFixedDelay(d.controller::tick, 250, 250, TimeUnit.MILLISECONDS);
        long statusMillis = d.cfg.health().statusInterval().toMillis();
        var unusedStatus = d.scheduler.scheduleWithFixedDelay(d.status::publish, statusMillis, statusMillis,
                TimeUnit.MILLISECONDS);
        long diskMillis = d.cfg.health().diskCheckInterval().toMillis();
        var unusedDisk = d.scheduler.scheduleWithFixedDelay(d::checkDisk, 0, diskMillis, TimeUnit.MILLISECONDS);
        var unusedWatchdog = d.scheduler.scheduleWithFixedDelay(d.systemd::watchdog, 0,
                d.cfg.health().watchdogInterval().toMillis(), TimeUnit.MILLISECONDS);
        d.systemd.ready();
        parts.started("systemd notification", d.systemd::stopping);
        return capture;
    }

    /**
     * Fetches the offline gallery now and then every {@code period}, only when the door has a gallery key. On a
     * thread of its own: an S3 call that hangs until its timeout must not hold up the scheduler's lock-down ticks
     * and decision deadlines.
     */
    private static void startGalleryRefresh(DoorAssembly d, Duration period, StartedParts parts) {
        if (!d.galleryKeyed) {
            return;
        }
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gallery-refresh");
            t.setDaemon(true);
            return t;
        });
        parts.started("gallery refresh", refresher::shutdownNow);
        refresher.execute(d.gallery::resync);
        // Nothing waits on the schedule; refresh() never throws, so the schedule is never cancelled by a failure.
        var unused = refresher.scheduleWithFixedDelay(d::refreshGallery, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public DoorStatus doorStatus() {
        return door.doorStatus();
    }

    public DoorController doorController() { return door.controller; }
    public Relay relay() { return door.relay; }
    public GalleryStore gallery() { return door.gallery; }
    public AuditJournal journal() { return door.journal; }
    public AuditSink audit() { return door.audit; }
    public DiskWatch disk() { return door.disk; }
    public DoorLink link() { return door.link; }
    public PendingCaptures pending() { return door.pending; }
    public DoorMonitor monitor() { return door.monitor; }
    public CaptureLoop captureLoop() { return capture; }
    public Context pi4j() { return door.pi4j; }
    public FeedbackLine feedback() { return door.credentials.feedback(); }

    /** Stops everything, newest first; the relay is off before anything else stops, whatever fails on the way. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            door.relay.off();
        } finally {
            started.close();
            LOG.info("door {} daemon stopped; relay off", door.cfg.doorId());
        }
    }
}

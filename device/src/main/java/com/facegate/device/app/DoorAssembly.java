package com.facegate.device.app;

import com.facegate.device.audit.AuditJournal;
import com.facegate.device.audit.AuditLog;
import com.facegate.device.audit.DiskWatch;
import com.facegate.device.capture.FrameSource;
import com.facegate.device.capture.FrameSources;
import com.facegate.device.command.CommandGate;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.credential.DoorCredentials;
import com.facegate.device.credential.FeedbackLine;
import com.facegate.device.credential.PresentedFactors;
import com.facegate.device.decision.DecisionGate;
import com.facegate.device.decision.HonouredIds;
import com.facegate.device.decision.PendingCaptures;
import com.facegate.device.door.DoorContact;
import com.facegate.device.door.DoorMonitor;
import com.facegate.device.door.GpioInput;
import com.facegate.device.door.GpioRelay;
import com.facegate.device.door.Relay;
import com.facegate.device.gate.CaptureLoop;
import com.facegate.device.gate.BestFrameSelector;
import com.facegate.device.gate.VisitCooldown;
import com.facegate.device.mqtt.DoorLink;
import com.facegate.device.mqtt.IotDoorLink;
import com.facegate.device.offline.CloudHealth;
import com.facegate.device.offline.CloudProbe;
import com.facegate.device.offline.GalleryStore;
import com.facegate.device.offline.OfflineDecider;
import com.facegate.device.status.StatusReporter;
import com.facegate.device.upload.CaptureUploader;
import com.facegate.device.upload.S3Clients;
import com.facegate.protocol.DoorStatus;
import com.facegate.protocol.Failures;
import com.facegate.protocol.Validity;
import com.facegate.protocol.retry.Jitter;
import com.facegate.protocol.retry.RetryDelays;
import com.facegate.protocol.retry.Sleeper;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The door's composition root: builds every part from the config, or takes the ones the builder was given
 * (tests, the local site). It only constructs: no thread is started and nothing connects until
 * {@link DoorDaemon} starts the parts in order. Whatever it opens it hands to {@link StartedParts} at once, so
 * a failure anywhere later closes it again.
 */
final class DoorAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(DoorAssembly.class);
    final DoorConfig cfg;
    final Clock clock;
    final Context pi4j;
    final Relay relay;
    final AuditJournal journal;
    final AuditLog audit;
    final DiskWatch disk;
    private final DiskAudit diskAudit;
    final HonouredIds honoured;
    final PendingCaptures pending = new PendingCaptures();
    final S3Client s3;
    final CloudHealth health;
    final DoorMonitor monitor;
    final GalleryStore gallery;
    final boolean galleryKeyed;
    final CaptureUploader uploader;
    final DoorController controller;
    final DoorContact contact;
    final DoorContact exitButton;
    final DoorLink link;
    final StatusReporter status;
    final DoorCredentials credentials;
    /** The gate's memory of who was just uploaded; a presented card or PIN clears it (a new attempt). */
    final VisitCooldown cooldown;
    final SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
    /** Status publishing, lock-down ticks and watchdog pings; threads start on the first task. */
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "door-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final DoorDaemon.Builder given;

    DoorAssembly(DoorDaemon.Builder b, StartedParts parts) throws IOException {
        this.given = b;
        this.cfg = b.cfg;
        this.clock = b.clock;
        DoorConfig.Door door = cfg.door();
        if (b.pi4j != null) {
            this.pi4j = b.pi4j;
        } else {
            this.pi4j = Pi4J.newAutoContext();
            parts.started("pi4j", pi4j::shutdown);
        }
        // Relay first, and off: whatever happens next, the door starts locked.
        this.relay = parts.opened("relay", new GpioRelay(pi4j, door.lock().relayPin(),
                door.lock().relayActiveHigh(), door.lock().maxPulse()));
        Path state = cfg.stateDir();
        this.journal = parts.opened("audit journal", new AuditJournal(state.resolve("journal"),
                cfg.journal().segmentBytes(), cfg.journal().maxBytes(), cfg.journal().nearFullRatio()));
        this.audit = new AuditLog(journal, cfg.doorId(), clock);
        this.diskAudit = new DiskAudit(audit, cfg.doorId(), clock, this::feedbackLine, this::statusChanged);
        this.disk = new DiskWatch(state, cfg.health().diskMinFreeBytes(), b.freeSpace, clock, diskAudit);
        audit.watch(disk);
        this.honoured = parts.opened("honoured ids", new HonouredIds(state.resolve("honoured-ids.log"),
                cfg.decisions().rememberIds(), Validity.rememberFor(Validity.MAX, cfg.decisions().clockSkew())));
        honoured.watch(disk);
        this.s3 = b.s3 != null ? b.s3 : parts.opened("s3 client", S3Clients.create(cfg.s3()));
        this.health = new CloudHealth(clock, cfg.offline().offlineAfter(), cfg.offline().missedDecisions());
        this.monitor = parts.opened("door monitor", new DoorMonitor(cfg.doorId(), audit, clock,
                door.heldOpenAfter(), door.authorizedOpenWindow(), this::statusChanged));

        byte[] galleryKey = cfg.offline().galleryKeyBase64() == null ? null
                : Base64.getDecoder().decode(cfg.offline().galleryKeyBase64());
        this.galleryKeyed = galleryKey != null;
        this.gallery = new GalleryStore(cfg.doorId(), galleryKey, state.resolve("gallery.bin"), s3,
                cfg.s3().bucket(), cfg.offline().galleryObject(), clock);
        this.uploader = new CaptureUploader(s3, cfg.s3().bucket(), cfg.doorId(), clock, this::publish,
                cfg.decisions().deadline());
        this.controller = new DoorController(cfg, clock, audit,
                new DoorController.Door(relay, monitor, this::statusChanged),
                new DoorController.Cloud(pending,
                        new DecisionGate(cfg.doorId(), pending, honoured, clock, cfg.decisions().clockSkew(),
                                this::lockdown),
                        new CommandGate(cfg.doorId(), honoured, clock, cfg.decisions().clockSkew()),
                        uploader),
                new DoorController.Offline(health,
                        new OfflineDecider(cfg.offline().policy(), cfg.offline().minSimilarity(), gallery), gallery));

        this.contact = !door.hasContact() ? null : parts.opened("door contact", new GpioInput(pi4j, "contact",
                door.contact().pin(), door.contact().activeHigh(), door.contact().pull()));
        this.exitButton = !door.hasExitButton() ? null : parts.opened("exit button", new GpioInput(pi4j, "exit",
                door.exitButton().pin(), door.exitButton().activeHigh(), door.exitButton().pull()));
        if (contact != null) {
            monitor.watch(contact);
        }
        if (exitButton != null) {
            exitButton.onChange(pressed -> {
                if (pressed) {
                    controller.exitRequested();
                }
            });
        }
        // PINs are sealed with the cloud's key from the config; without one none is sent.
        controller.presentedFactors(new PresentedFactors(cfg.doorId(), clock, PresentedFactors.DEFAULT_WINDOW,
                cfg.readers().keypad().pinKey()));
        // Card reader, keypad and feedback line: built now, reading once the daemon starts them.
        this.cooldown = new VisitCooldown(cfg.gate().cooldown(), cfg.gate().cooldownCosine());
        this.credentials = parts.opened("credential readers", DoorCredentials.open(cfg.readers(), pi4j, clock,
                b.presented != null ? b.presented : p -> {
                    // A card the door does not use is no new attempt: the gate still remembers who just went.
                    if (controller.presented(p)) {
                        cooldown.forgetAll();
                    }
                }));
        this.link = b.link != null ? b.link : new IotDoorLink(cfg.doorId(), cfg.mqtt());
        parts.opened("mqtt link", link);
        this.status = new StatusReporter(link, cfg.doorId(), this::doorStatus);
    }

    /** The capture announcements' way out: the MQTT link, opened after the controller that uses it. */
    private java.util.concurrent.CompletableFuture<Void> publish(String topic, byte[] payload) {
        return link.publish(topic, payload);
    }

    /** The camera and its face gate, opened now (a camera is a running part; see {@link DoorDaemon}). */
    CaptureLoop captureLoop() throws IOException {
        if (!given.capture || given.engine == null) {
            return null;
        }
        FrameSource source = given.frames != null ? given.frames : FrameSources.open(cfg.capture(), clock);
        // A given source (tests, the local site) is asked again after a fault; the configured one reopened.
        CaptureLoop.Reopener reopen = given.frames != null ? null : () -> FrameSources.open(cfg.capture(), clock);
        DoorConfig.Gate g = cfg.gate();
        BestFrameSelector gate = new BestFrameSelector(g.bestFrameWindow(), g.minFaceFraction(), cooldown);
        return new CaptureLoop(source, given.engine, gate, controller::onCandidate, g.idleInterval(),
                g.activeInterval(), given.paced, g.jpegQuality())
                .uploadingWithoutFace(controller::cardDue)
                .recovering(reopen, new CameraAudit(audit, cfg.doorId(), clock), given.cameraRetry,
                        given.cameraRetryMax);
    }

    /** Ends an offline mode that only reaching the cloud again can end (see {@link CloudProbe}). */
    CloudProbe cloudProbe() {
        return new CloudProbe(health, uploader::probe, RetryDelays.exponential(given.probeRetry, 2.0,
                given.probeRetryMax, Jitter.ABOVE_INITIAL), Sleeper.real(), controller::cloudRestored);
    }

    DoorStatus doorStatus() {
        DoorStatus s = DoorStatus.of(cfg.doorId(), clock.instant(), link.online(),
                relay.energised() ? DoorStatus.Lock.UNLOCKED : DoorStatus.Lock.LOCKED,
                monitor.contact(), controller.lockdown(), health.offline(), DoorDaemon.VERSION, journal.pending())
                .withDisk(disk.fault(), disk.freeBytes());
        return !galleryKeyed ? s : s.withGallery(gallery.generatedAt().orElse(null), gallery.checkedAt().orElse(null));
    }

    /** The periodic gallery refresh (see {@link DoorDaemon}); a new gallery shows in the status at once. */
    void refreshGallery() {
        if (gallery.refresh() == GalleryStore.Outcome.UPDATED) {
            statusChanged();
        }
    }

    /**
     * The disk check (scheduled): events kept in memory go to the journal first, and the once-only memory is tried
     * again after a failed write, so that a write that works again counts before the free space is judged; while
     * the disk is full the feedback line shows it.
     */
    void checkDisk() {
        try {
            audit.flushBacklog();
            honoured.recheck();
            disk.check();
            if (disk.fault()) {
                diskAudit.signal();
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the next check must still come.
            LOG.error("disk check failed: {}", Failures.describe(e));
        }
    }

    /** The feedback line once the readers are built (the disk check runs only after start). */
    private FeedbackLine feedbackLine() {
        return credentials == null ? null : credentials.feedback();
    }

    private boolean lockdown() {
        return controller.lockdown();
    }

    private void statusChanged() {
        if (status != null) {
            scheduler.execute(status::publish);
        }
    }
}

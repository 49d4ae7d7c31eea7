package com.facegate.device.app;

import com.facegate.device.audit.AuditSink;
import com.facegate.device.command.CommandGate;
import com.facegate.device.config.DoorConfig;
import com.facegate.device.credential.Presented;
import com.facegate.device.credential.PresentedFactors;
import com.facegate.device.decision.DecisionGate;
import com.facegate.device.decision.PendingCaptures;
import com.facegate.device.decision.DecisionOutcome;
import com.facegate.device.door.DoorMonitor;
import com.facegate.device.door.Relay;
import com.facegate.device.gate.BestFrameSelector;
import com.facegate.device.gate.Candidate;
import com.facegate.device.mqtt.DoorLink;
import com.facegate.device.offline.CloudHealth;
import com.facegate.device.offline.GalleryStore;
import com.facegate.device.offline.OfflineDecider;
import com.facegate.device.upload.CaptureUploader;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.Failures;
import com.facegate.protocol.Problem;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Sanitize;
import com.facegate.protocol.Topics;
import com.facegate.protocol.gallery.ModeSpan;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door's behaviour: decisions and commands in, captures out, relay and audit. Every handler is wrapped so
 * that an exception turns the relay off and is audited as a FAULT, never leaves the lock released.
 *
 * <p>Lock-down: face GRANTs are refused (audited DENIED/LOCKDOWN) until lifted; a remote UNLOCK is still
 * honoured, because it is an explicit, authenticated, audited admin act (e.g. letting responders in). The flag
 * is persisted so a reboot does not lift a lock-down.
 */
public final class DoorController {
    private static final Logger LOG = LoggerFactory.getLogger(DoorController.class);

    private final DoorConfig cfg;
    private final Clock clock;
    private final Relay relay;
    private final DoorMonitor monitor;
    private final AuditSink audit;
    private final PendingCaptures pending;
    private final DecisionGate decisions;
    private final CommandGate commands;
    private final CloudHealth health;
    private final OfflineDecider offline;
    private final GalleryStore gallery;
    private final CaptureUploader uploader;
    private final RemoteCommands remote;
    private final Runnable statusChanged;
    private final OfflineModeAudit mode;
    private final TailgateWatch tailgate;
    private volatile PresentedFactors factors;
    /** Whether the camera is failing right now; null while this door runs no capture loop. */
    private volatile BooleanSupplier cameraDown;
    private final AtomicLong uploads = new AtomicLong();

    /** The door itself: the lock's relay, the contact's monitor, and who to tell when the door's state changes. */
    public record Door(Relay relay, DoorMonitor monitor, Runnable statusChanged) {}

    /** The cloud's side: captures awaiting a decision, the gates decisions and commands pass, the uploader. */
    public record Cloud(PendingCaptures pending, DecisionGate decisions, CommandGate commands,
                        CaptureUploader uploader) {}

    /** For when the cloud is away: whether it is, what decides then, and the gallery a RESYNC refreshes. */
    public record Offline(CloudHealth health, OfflineDecider decider, GalleryStore gallery) {}

    public DoorController(DoorConfig cfg, Clock clock, AuditSink audit, Door door, Cloud cloud, Offline offline) {
        this.cfg = cfg;
        this.clock = clock;
        this.audit = audit;
        this.relay = door.relay();
        this.monitor = door.monitor();
        this.statusChanged = door.statusChanged();
        this.pending = cloud.pending();
        this.decisions = cloud.decisions();
        this.commands = cloud.commands();
        this.uploader = cloud.uploader();
        this.health = offline.health();
        this.offline = offline.decider();
        this.gallery = offline.gallery();
        this.remote = new RemoteCommands(cfg.stateDir(), clock, audit, gallery, this::unlock, statusChanged,
                this::event);
        this.mode = new OfflineModeAudit(health, audit, cfg.doorId(), clock, cfg.offline().policy().name(),
                statusChanged);
        this.tailgate = new TailgateWatch(cfg.door().authorizedOpenWindow(), BestFrameSelector.SAME_PERSON_COSINE);
        this.factors = new PresentedFactors(cfg.doorId(), clock, PresentedFactors.DEFAULT_WINDOW, null);
    }

    /** Where the door's readers hand what was presented; it travels with the next capture (default: nothing). */
    public void presentedFactors(PresentedFactors holder) {
        // A card no capture took (camera down) is a visit too: denied here, naming the missing face.
        holder.onUnclaimed(withPin -> guarded("unclaimed card", () -> deniedHere(null, Reasons.FACTOR_TIMEOUT,
                Map.of("missing", "face", "presented", withPin ? "card,pin" : "card", "cause", unclaimedCause()))));
        this.factors = holder;
    }

    /** The running capture loop's camera state, so that a card no capture took says why. */
    public void camera(BooleanSupplier down) {
        this.cameraDown = down;
    }

    private String unclaimedCause() {
        BooleanSupplier down = cameraDown;
        if (down == null) {
            return "no camera running at this door";
        }
        return down.getAsBoolean() ? "camera down" : "no capture took the card";
    }

    /**
     * What the readers hand over: held for the next capture (see {@link PresentedFactors}); true when held. A card
     * shown while the door's gallery says its mode takes none (FACE) is not held, so it starts no capture the cloud
     * would deny NO_FACE: one IGNORED record says so. Without that knowledge (no gallery, or past its timeline) the
     * card is held as always and the cloud decides; either way the cloud stays the authority on the mode.
     */
    public boolean presented(Presented p) {
        if (p instanceof Presented.Card && gallery != null) {
            Optional<ModeSpan> mode = gallery.current().flatMap(g -> g.modeAt(clock.instant()));
            if (mode.isPresent() && !mode.get().takesCard()) {
                LOG.info("card presented in mode {}, which takes no card; not used, no capture started",
                        mode.get().mode());
                audit.record(event(AuditEvent.Type.IGNORED).withReason(Reasons.CARD_NOT_TAKEN)
                        .withDetails(Map.of("mode", mode.get().mode(), "presented", "card")));
                return false;
            }
        }
        factors.accept(p);
        return true;
    }

    public boolean lockdown() {
        return remote.lockdown();
    }

    public long uploads() {
        return uploads.get();
    }

    /** An MQTT message on one of the door's topics. */
    public void onMessage(DoorLink.Inbound m) {
        guarded("message", () -> {
            var topic = Topics.parse(m.topic());
            if (topic.isEmpty() || !topic.get().doorId().equals(cfg.doorId())) {
                ignored("message", Reasons.WRONG_DOOR, List.of(new Problem("topic", "not this door's: "
                        + Sanitize.forLog(m.topic()))), event(AuditEvent.Type.IGNORED), "topic");
                return;
            }
            switch (topic.get().kind()) {
                case DECISION -> onDecision(m.payload());
                case COMMANDS -> onCommand(m.payload());
                default -> ignored("message", Reasons.MALFORMED, List.of(new Problem("topic", "not one the door reads: "
                        + Sanitize.forLog(m.topic()))), event(AuditEvent.Type.IGNORED), "topic");
            }
        });
    }

    private void onDecision(byte[] payload) {
        DecisionOutcome v = decisions.evaluate(payload);
        Decision d = v.decision();
        if (v.action() != DecisionOutcome.Action.IGNORE) {
            health.decisionArrived();
            mode.check();
        }
        switch (v.action()) {
            case UNLOCK -> {
                unlock();
                audit.record(event(AuditEvent.Type.UNLOCKED).withCapture(d.captureId())
                        .withBadge(d.badgeId(), d.similarity()).withReason(d.reason())
                        .withDetails(Map.of("decisionId", d.id())));
                suspectTailgates(tailgate.granted(d.captureId(), clock.instant()));
            }
            case DENY -> audit.record(event(AuditEvent.Type.DENIED).withCapture(d.captureId())
                    .withBadge(d.badgeId(), d.similarity()).withReason(d.reason())
                    .withDetails(Map.of("decisionId", d.id())));
            case REFUSE_LOCKDOWN -> audit.record(event(AuditEvent.Type.DENIED).withCapture(d.captureId())
                    .withBadge(d.badgeId(), d.similarity()).withReason(Reasons.LOCKDOWN)
                    .withDetails(Map.of("decisionId", d.id())));
            case IGNORE -> {
                AuditEvent e = event(AuditEvent.Type.IGNORED);
                if (d != null) {
                    e = e.withCapture(d.captureId()).withDetails(Map.of("decisionId", d.id()));
                }
                ignored("decision", v.reason(), v.problems(), e,
                        "capture " + (d == null ? "?" : d.captureId()));
            }
        }
    }

    private void onCommand(byte[] payload) {
        CommandGate.Admission a = commands.evaluate(payload);
        DoorCommand c = a.command();
        if (!a.admitted()) {
            AuditEvent e = event(AuditEvent.Type.IGNORED);
            if (c != null) {
                e = e.withRequest(c.requestId(), c.requestedBy()).withDetails(Map.of("command", c.type().name()));
            } else if (a.requestId() != null) {
                e = e.withRequest(a.requestId(), null);
            }
            ignored("command", a.ignoredReason(), a.problems(), e,
                    "request " + (a.requestId() == null ? "?" : a.requestId()));
            return;
        }
        remote.carryOut(c);
    }

    /**
     * The best frame of an approach, or a frame with no face sent for a card (see {@link Candidate#withoutFace}):
     * upload for a cloud decision, or decide here when the cloud is away.
     */
    public void onCandidate(Candidate c) {
        guarded("capture", () -> {
            Instant now = clock.instant();
            String captureId = CaptureKey.newCaptureId(c.frame().at().isAfter(now) ? now : c.frame().at());
            // Taken first, whatever follows: a card goes with one capture only, and offline it is not used.
            Map<String, String> presented = factors.takeFor(captureId);
            float[] embedding = c.hasFace() ? c.face().embedding() : null;
            if (c.hasFace()) {
                suspectTailgates(tailgate.visit(captureId, c.frame().at(), embedding, now));
            }
            VisitScreen screen = VisitScreen.of(c);
            if (mode.check()) {
                decideOffline(captureId, embedding, screen.refusal());
                return;
            }
            PendingCaptures.Pending p = new PendingCaptures.Pending(captureId, now,
                    now.plus(cfg.decisions().deadline()), embedding, screen.refusal());
            // Pending before the upload finishes: a fast decision may overtake the PUT's response.
            pending.add(p);
            try {
                Map<String, String> metadata = new HashMap<>(presented);
                metadata.putAll(screen.metadata());
                uploader.upload(captureId, c.jpeg(), c.frame().at(), metadata);
                uploads.incrementAndGet();
                LOG.info("capture uploaded: {} ({})", captureId, c.hasFace()
                        ? "frames considered " + c.framesConsidered() : "no face in view, for a card");
            } catch (RuntimeException e) {
                LOG.warn("capture upload failed: {}", Failures.describe(e));
                pending.decide(captureId);
                health.uploadFailed();
                if (mode.check()) {
                    decideOffline(captureId, embedding, screen.refusal());
                } else {
                    deniedHere(captureId, Reasons.UPLOAD_FAILED, Map.of("error", e.getClass().getSimpleName()));
                }
            }
        });
    }

    /** True when a card waits for a capture that no face will bring: the capture loop then sends a frame as is. */
    public boolean cardDue() {
        return factors.cardDue();
    }

    /**
     * Periodic: captures whose deadline passed count as missed decisions (and are decided here if offline, denied
     * here otherwise: every visit leaves one record); offline mode may also begin or end with time alone. A card no
     * capture took is expired here too, since with the camera down nothing else would ask for it.
     */
    public void tick() {
        guarded("tick", () -> {
            factors.expire();
            mode.check();
            for (PendingCaptures.Pending p : pending.expire(clock.instant())) {
                health.decisionMissed();
                LOG.warn("no decision for capture {} before its deadline", p.captureId());
                if (mode.check()) {
                    decideOffline(p.captureId(), p.embedding(), p.refusal());
                } else {
                    deniedHere(p.captureId(), Reasons.NO_DECISION, Map.of());
                }
            }
        });
    }

    /** The cloud was reached again by a probe: offline mode may end now rather than at the next tick. */
    public void cloudRestored() {
        guarded("probe", mode::check);
    }

    /** A visit the cloud never decided and the door did not decide offline: denied, and audited as such. */
    private void deniedHere(String captureId, String reason, Map<String, String> details) {
        audit.record(event(AuditEvent.Type.DENIED).withCapture(captureId).withReason(reason)
                .withDetails(details.isEmpty() ? null : details));
    }

    /** {@code refusal}: why the door refuses this visit itself (liveness, no face), else null. */
    private void decideOffline(String captureId, float[] embedding, PendingCaptures.Refusal refusal) {
        if (refusal != null) {
            // The cloud's rules, applied here too: a picture, or no face at all, must not open the door offline.
            audit.record(event(AuditEvent.Type.OFFLINE_DECISION).withCapture(captureId)
                    .withReason(refusal.reason()).withDetails(Map.of("result", "DENY", "policy",
                            cfg.offline().policy().name(), "problem", refusal.problem())));
            return;
        }
        OfflineDecider.Outcome o = offline.decide(embedding);
        boolean lockdown = remote.lockdown();
        boolean grant = o.grant() && !lockdown;
        String reason = o.grant() && lockdown ? Reasons.LOCKDOWN : o.reason();
        if (grant) {
            unlock();
        }
        audit.record(event(AuditEvent.Type.OFFLINE_DECISION).withCapture(captureId)
                .withBadge(o.badgeId(), o.similarity() > 0 ? Math.min(100, o.similarity()) : null).withReason(reason)
                .withDetails(Map.of("result", grant ? "GRANT" : "DENY", "policy", cfg.offline().policy().name())));
        if (grant) {
            suspectTailgates(tailgate.granted(captureId, clock.instant()));
        }
    }

    /** One TAILGATE_SUSPECTED per follower: someone else's face inside the open window of a grant. */
    private void suspectTailgates(List<TailgateWatch.Suspect> suspects) {
        for (TailgateWatch.Suspect s : suspects) {
            LOG.warn("tailgate suspected: capture {} followed the grant of capture {}", s.captureId(),
                    s.grantedCaptureId());
            audit.record(event(AuditEvent.Type.TAILGATE_SUSPECTED).withCapture(s.captureId())
                    .withReason(Reasons.SECOND_FACE_AFTER_GRANT)
                    .withDetails(Map.of("grantedCapture", s.grantedCaptureId())));
        }
    }

    private void unlock() {
        monitor.authorize();
        relay.pulse(cfg.door().lock().unlockPulse());
        statusChanged.run();
    }

    /** The exit button (request to exit): opening the door from inside is always allowed and not an alarm. */
    public void exitRequested() {
        guarded("exit", () -> {
            monitor.authorize();
            relay.pulse(cfg.door().lock().unlockPulse());
        });
    }

    /**
     * A message not acted on: one log line and one IGNORED audit record ({@code base}, carrying the message's ids),
     * both naming the reason code and the field and rule broken
     * ({@code MALFORMED expiresAt: more than 5 minutes after issuedAt}). Problems are sanitized when made.
     */
    private void ignored(String what, String reason, List<Problem> problems, AuditEvent base, String ref) {
        Problem first = problems.isEmpty() ? new Problem(Problem.WHOLE, "refused") : problems.get(0);
        String more = problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : "";
        if (Reasons.ONCE_ONLY_MEMORY_FULL.equals(reason)) {
            LOG.error("{} ignored: {} {}{} ({})", what, reason, first, more, ref);
        } else {
            LOG.warn("{} ignored: {} {}{} ({})", what, reason, first, more, ref);
        }
        Map<String, String> details = new LinkedHashMap<>(base.details() == null ? Map.of() : base.details());
        details.put("field", first.field());
        details.put("rule", first.rule());
        if (problems.size() > 1) {
            details.put("problems", String.join("; ", problems.stream().map(Problem::toString).toList()));
        }
        audit.record(base.withReason(reason)
                .withDetails(details.isEmpty() ? null : details));
    }

    private AuditEvent event(AuditEvent.Type type) {
        return AuditEvent.of(cfg.doorId(), type, AuditEvent.SOURCE_DEVICE, clock.instant());
    }

    /** Runs a handler; any exception drops the relay (fail-secure) and is audited as a FAULT. */
    void guarded(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            relay.off();
            // The exception's message may quote the untrusted message (parser errors do): the log encoder escapes it.
            LOG.error("{} handler failed; relay forced off", what, e);
            try {
                audit.record(event(AuditEvent.Type.FAULT).withReason("EXCEPTION")
                        .withDetails(Map.of("where", what, "error", e.getClass().getSimpleName())));
            } catch (RuntimeException ignored) {
                // audit is best effort here; the relay is already off
            }
            if (e instanceof Error err && !(e instanceof AssertionError)) {
                throw err;
            }
        }
    }
}

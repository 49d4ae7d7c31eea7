package com.facegate.cloud.access;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.S3Images;
import com.facegate.cloud.access.factors.KmsPinOpener;
import com.facegate.cloud.access.factors.OneToOne;
import com.facegate.cloud.access.factors.PinOpener;
import com.facegate.cloud.access.factors.SecondFactors;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.registry.FactorStore;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.retry.RetryPolicy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 ObjectCreated on {@code captures/{doorId}/{captureId}.jpg} → decide → audit → publish to the door.
 *
 * <p>Per record: keys are URL-decoded (S3 form-encodes them); anything that is not a capture key is logged and
 * skipped; a capture already decided is skipped, one claimed by a live delivery fails the invocation for a retry
 * (see {@link DecisionLedger}: at-least-once delivery never yields a second decision, and a claim left by a killed
 * invocation is taken over after its lease; if the door's deadline has passed by then, the capture is recorded and
 * audited as DENY DEADLINE_PASSED and not published). Order: claim, decide, record, audit, publish (the door's
 * registry entry and the capture are read beside the claim, DetectFaces and the search run side by side; nothing
 * is decided, recorded, audited or published before the claim is won). If anything
 * before the publish fails the claim is released and the invocation throws (nothing was published, the retry is
 * clean). A publish that fails after bounded retries is audited as FAULT and not retried: a later redelivery would
 * be past the decision's expiry anyway, and the door treats silence as DENY.
 *
 * <p>Every record is attempted even when one fails; the invocation then throws so the platform redelivers, and
 * records already handled are skipped by the ledger.
 */
public final class AccessDecisionHandler implements RequestHandler<S3Event, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(AccessDecisionHandler.class);

    private final CloudConfig config;
    private final AccessDecider decider;
    private final DecisionLedger ledger;
    private final S3Client s3;
    private final AuditWriter audit;
    private final DecisionPublisher publisher;
    private final Clock clock;
    private final CaptureDecisions decisions;

    /** Lambda entry point: configuration from the environment (see {@link CloudConfig}), clients once per container. */
    public AccessDecisionHandler() {
        this(CloudConfig.fromEnv(), CloudClients.fromEnv(), Clock.systemUTC());
    }

    public AccessDecisionHandler(CloudConfig config, CloudClients clients, Clock clock) {
        this(config, clients, clock, LivenessCheck.forMode(config.livenessMode()), AwsRetries.standard());
    }

    public AccessDecisionHandler(CloudConfig config, CloudClients clients, Clock clock, LivenessCheck liveness,
                                 RetryPolicy retries) {
        this.config = config;
        this.clock = clock;
        Registry registry = new Registry(clients.s3(), config.bucket(), clock, config.registryFreshFor());
        this.audit = new AuditWriter(clients.s3(), config.bucket(), clock, retries);
        SecondFactors factors = new SecondFactors(config, registry,
                new FactorStore(clients.s3(), config.bucket(), registry),
                PinOpener.forKey(config.pinKey(), KmsPinOpener.fromEnv(System.getenv())),
                new OneToOne(clients.rekognition(), config.collectionId(), config.matchThreshold(), retries), audit,
                clock);
        this.decider = new AccessDecider(config, clients.rekognition(), new S3Images(clients.s3()), registry,
                liveness, retries, clock, factors);
        this.ledger = new DecisionLedger(clients.s3(), config.bucket());
        this.s3 = clients.s3();
        this.publisher = new DecisionPublisher(clients.iot(), retries);
        this.decisions = this::handle;
    }

    /**
     * The same handler whose S3 events end in {@code decisions} (this handler's own decision, wrapped): the seam a
     * deployment shares with the announcement handler, so that both entry points pass through one wrap.
     */
    private AccessDecisionHandler(AccessDecisionHandler real, CaptureDecisions decisions) {
        this.config = real.config;
        this.clock = real.clock;
        this.decider = real.decider;
        this.ledger = real.ledger;
        this.s3 = real.s3;
        this.audit = real.audit;
        this.publisher = real.publisher;
        this.decisions = decisions;
    }

    /** This handler with its S3 events decided by {@code wrap} applied to its own decision. */
    public AccessDecisionHandler wrapped(UnaryOperator<CaptureDecisions> wrap) {
        return new AccessDecisionHandler(this, wrap.apply(this::handle));
    }

    /** What this handler's S3 events end in (its own decision, or the wrapped one). */
    public CaptureDecisions decisions() {
        return decisions;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        if (event == null || event.getRecords() == null) {
            LOG.warn("S3 event without records ignored");
            return null;
        }
        RuntimeException failure = null;
        for (S3EventNotificationRecord record : event.getRecords()) {
            try {
                handle(record);
            } catch (CaptureBusyException e) {
                // Not a fault: the announcement and the S3 event met, and the ledger let one decide. The retry finds
                // that decision (or takes over a claim whose holder died).
                LOG.info("capture busy in a concurrent delivery, will be retried: {}", e.getMessage());
                failure = failure == null ? e : failure;
            } catch (RuntimeException e) {
                LOG.error("capture record failed, will be retried: {}", e.toString());
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    /** Handles one record; returns the decision published, or empty when skipped. */
    public Optional<Decision> handle(S3EventNotificationRecord record) {
        if (record == null || record.getS3() == null || record.getS3().getObject() == null) {
            LOG.warn("S3 record without object ignored");
            return Optional.empty();
        }
        if (record.getEventName() != null && !record.getEventName().startsWith("ObjectCreated")) {
            LOG.warn("S3 {} event ignored: only ObjectCreated is handled", record.getEventName());
            return Optional.empty();
        }
        String key = decodeKey(record.getS3().getObject().getKey());
        Optional<String> problem = CaptureKey.problem(key);
        if (problem.isPresent()) {
            // No door can be told: a key of another shape names none (captures/a/../b/x.jpg is not door b's).
            LOG.warn("not a capture key ({}), skipped without a decision: {}", problem.get(), key);
            return Optional.empty();
        }
        Optional<CaptureKey> parsed = CaptureKey.parse(key);
        String bucket = record.getS3().getBucket() != null && record.getS3().getBucket().getName() != null
                ? record.getS3().getBucket().getName() : config.bucket();
        if (!bucket.equals(config.bucket())) {
            LOG.warn("capture in unexpected bucket {} skipped", bucket);
            return Optional.empty();
        }
        return decisions.decide(parsed.get());
    }

    /**
     * Decides one capture already known to be in the configured bucket. Throws {@link CaptureBusyException} while
     * another delivery holds the capture's claim within its lease.
     */
    public Optional<Decision> handle(CaptureKey capture) {
        // The door's entry and the capture are read while the claim is made; nothing is decided before it is won.
        AccessDecider.Reads reads = decider.startReads(config.bucket(), capture);
        try {
            return handle(capture, reads);
        } finally {
            reads.settle(); // nothing of this delivery keeps running once it returns
        }
    }

    private Optional<Decision> handle(CaptureKey capture, AccessDecider.Reads reads) {
        DecisionLedger.Claim claim = ledger.claim(capture, clock.instant());
        if (claim.outcome() == DecisionLedger.Claim.Outcome.DECIDED) {
            LOG.info("capture {} at door {} already decided; duplicate delivery skipped", capture.captureId(),
                    capture.doorId());
            return Optional.empty();
        }
        if (!claim.ours()) {
            throw new CaptureBusyException("capture " + capture.captureId() + " is being decided by another delivery");
        }
        Decision d;
        try {
            if (claim.outcome() == DecisionLedger.Claim.Outcome.TAKEN_OVER && deadlinePassed(capture, claim)) {
                return recordLate(capture, claim);
            }
            AccessVerdict v = decider.decide(reads);
            var now = clock.instant();
            d = v.grant()
                    ? Decision.grant(capture.doorId(), capture.captureId(), v.badgeId(), v.similarity(), now,
                            config.decisionTtl())
                    : Decision.deny(capture.doorId(), capture.captureId(), v.reason(), v.badgeId(), v.similarity(),
                            now, config.decisionTtl());
            if (!ledger.record(capture, d, claim)) {
                LOG.warn("capture {}: claim lost to a later delivery before recording; not published",
                        capture.captureId());
                return Optional.empty();
            }
            audit.writeNamed(auditOf(d, v), "decision_" + capture.doorId() + "_" + capture.captureId());
        } catch (RuntimeException e) {
            // Nothing was published: give the capture back so that the platform's retry can decide it.
            ledger.release(capture);
            throw e;
        }
        try {
            publisher.publish(d);
        } catch (SdkException e) {
            LOG.error("decision for capture {} not delivered to door {}: {}", capture.captureId(),
                    capture.doorId(), e.getClass().getSimpleName());
            audit.write(AuditEvent.of(capture.doorId(), AuditEvent.Type.FAULT, AuditEvent.SOURCE_CLOUD, clock.instant())
                    .withCapture(capture.captureId()).withReason("PUBLISH_FAILED")
                    .withDetails(Map.of("decisionId", d.id(), "error", e.getClass().getSimpleName())));
            return Optional.empty();
        }
        LOG.info("{} {} for capture {} at door {}{}", d.result(), d.reason(), capture.captureId(),
                capture.doorId(), d.badgeId() == null ? "" : " badge " + d.badgeId());
        return Optional.of(d);
    }

    private boolean deadlinePassed(CaptureKey capture, DecisionLedger.Claim claim) {
        return CaptureDeadline.capturedAt(s3, config.bucket(), capture, claim.previousClaimAt())
                .map(at -> CaptureDeadline.passed(at, clock.instant())).orElse(false);
    }

    /**
     * A capture whose first delivery died mid-decision and whose door has stopped waiting: recorded and audited as
     * DENY DEADLINE_PASSED, and not published. The door already counted it as missed and would ignore a late
     * decision; not sending one keeps a stale message off its topic, and a DENY could not open anything anyway.
     */
    private Optional<Decision> recordLate(CaptureKey capture, DecisionLedger.Claim claim) {
        Decision d = Decision.deny(capture.doorId(), capture.captureId(), Reasons.DEADLINE_PASSED, null, null,
                clock.instant(), config.decisionTtl());
        if (!ledger.record(capture, d, claim)) {
            return Optional.empty();
        }
        AccessVerdict v = new AccessVerdict(false, Reasons.DEADLINE_PASSED, null, null, Map.of("published", "false",
                "problem", "first delivery did not finish (claimed " + claim.previousClaimAt() + ")"));
        audit.writeNamed(auditOf(d, v), "decision_" + capture.doorId() + "_" + capture.captureId());
        LOG.warn("DENY DEADLINE_PASSED for capture {} at door {} (its first delivery did not finish)",
                capture.captureId(), capture.doorId());
        return Optional.empty();
    }

    private static AuditEvent auditOf(Decision d, AccessVerdict v) {
        Map<String, String> details = new LinkedHashMap<>(v.details());
        details.put("result", d.result().name());
        details.put("decisionId", d.id());
        details.put("expiresAt", d.expiresAt().toString());
        return AuditEvent.of(d.doorId(), AuditEvent.Type.DECISION, AuditEvent.SOURCE_CLOUD, d.issuedAt())
                .withCapture(d.captureId()).withBadge(d.badgeId(), d.similarity()).withReason(d.reason())
                .withDetails(details);
    }

    /** S3 event keys are form-encoded: '+' is a space, %XX are UTF-8 bytes. */
    public static String decodeKey(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}

package com.facegate.cloud.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.RecordingIotEndpoint;
import com.facegate.cloud.S3Events;
import com.facegate.cloud.TestClients;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.facegate.protocol.retry.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A decision interrupted by a crash is finished: the ledger entry a killed invocation left DECIDING is taken over
 * by the redelivery once its lease has expired (one taker only), decided and audited, or recorded as DENY
 * DEADLINE_PASSED when the door has stopped waiting; a live lease and a completed entry are honoured. Real S3 wire
 * protocol (s3proxy) and a real HTTP IoT publish endpoint.
 */
class DecisionLeaseTest {
    static final String BUCKET = "facegate-lease";
    static final String DOOR = "front-door-01";
    static final RetryPolicy NO_WAIT = AwsRetries.standard().withSleeper(d -> { });

    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass(BUCKET);
    @RegisterExtension
    static final RecordingIotEndpoint iot = RecordingIotEndpoint.perClass();
    static CloudClients clients;
    static DecisionLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        clients = TestClients.of(s3, TestClients.closedPort(), iot.uri());
        ledger = new DecisionLedger(s3.client(), BUCKET);
        new Registry(s3.client(), BUCKET, Clock.systemUTC(), Duration.ZERO)
                .putDoor(new Door(DOOR, "Front", "Europe/Madrid", List.of("staff"), List.of()));
    }

    @BeforeEach
    void clear() {
        iot.clear();
    }

    static AccessDecisionHandler handler() {
        return new AccessDecisionHandler(CloudConfig.defaults(BUCKET), clients, Clock.systemUTC(),
                LivenessCheck.notAvailable(), NO_WAIT);
    }

    /** A capture as the door uploads it (not an image: decided INVALID_IMAGE before recognition). */
    static CaptureKey capture(Instant capturedAt) {
        CaptureKey k = new CaptureKey(DOOR, CaptureKey.newCaptureId(capturedAt));
        s3.client().putObject(b -> b.bucket(BUCKET).key(k.key()).contentType("image/jpeg")
                .metadata(Map.of("door-id", DOOR, "capture-time", capturedAt.toString())),
                RequestBody.fromString("not a jpeg"));
        return k;
    }

    /** The entry a delivery killed mid-decision leaves behind, claimed at {@code claimedAt}. */
    static void abandonedClaim(CaptureKey k, Instant claimedAt) {
        assertThat(ledger.claim(k, claimedAt).outcome()).isEqualTo(DecisionLedger.Claim.Outcome.CLAIMED);
    }

    static List<AuditRecord> audit(CaptureKey k) {
        return new AuditReader(s3.client(), BUCKET).query(DOOR, null, Instant.now().minusSeconds(300),
                Instant.now().plusSeconds(60)).stream().filter(r -> k.captureId().equals(r.event().captureId()))
                .toList();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheCaptureDecidedAuditedAndPublished() throws Exception {
        CaptureKey k = capture(Instant.now());
        abandonedClaim(k, Instant.now().minus(DecisionLedger.LEASE).minusSeconds(1));

        handler().handleRequest(S3Events.created(BUCKET, k.key()), null);

        List<RecordingIotEndpoint.Published> sent = iot.on(Topics.decision(DOOR));
        assertThat(sent).hasSize(1);
        Decision d = MessageCodec.decode(sent.get(0).payload(), Decision.class);
        assertThat(d.captureId()).isEqualTo(k.captureId());
        assertThat(d.reason()).isEqualTo(Reasons.INVALID_IMAGE);
        assertThat(ledger.recorded(k)).contains(d);
        assertThat(audit(k)).singleElement().satisfies(r -> {
            assertThat(r.event().type()).isEqualTo(AuditEvent.Type.DECISION);
            assertThat(r.event().reason()).isEqualTo(Reasons.INVALID_IMAGE);
        });
    }

    @Test
    void whenTheDoorsDeadlineHasPassedTheCaptureIsRecordedAndAuditedDeadlinePassedNotPublished() throws Exception {
        Instant capturedAt = Instant.now().minusSeconds(90);
        CaptureKey k = capture(capturedAt);
        abandonedClaim(k, capturedAt.plusMillis(300));

        handler().handleRequest(S3Events.created(BUCKET, k.key()), null);

        assertThat(iot.published()).isEmpty();
        assertThat(ledger.recorded(k)).hasValueSatisfying(d -> {
            assertThat(d.isGrant()).isFalse();
            assertThat(d.reason()).isEqualTo(Reasons.DEADLINE_PASSED);
        });
        assertThat(audit(k)).singleElement().satisfies(r -> {
            assertThat(r.event().type()).isEqualTo(AuditEvent.Type.DECISION);
            assertThat(r.event().reason()).isEqualTo(Reasons.DEADLINE_PASSED);
            assertThat(r.event().details()).containsEntry("result", "DENY").containsEntry("published", "false");
        });
        // Final: a further redelivery neither decides again nor audits again.
        handler().handleRequest(S3Events.created(BUCKET, k.key()), null);
        assertThat(iot.published()).isEmpty();
        assertThat(audit(k)).hasSize(1);
    }

    @Test
    void aLiveLeaseIsHonouredAndTheRedeliveryFailsForARetry() {
        CaptureKey k = capture(Instant.now());
        abandonedClaim(k, Instant.now());

        assertThatThrownBy(() -> handler().handleRequest(S3Events.created(BUCKET, k.key()), null))
                .isInstanceOf(CaptureBusyException.class);
        assertThat(iot.published()).isEmpty();
        assertThat(ledger.recorded(k)).isEmpty();
        assertThat(s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(DecisionLedger.key(k))).asUtf8String())
                .contains("\"state\":\"DECIDING\"");
    }

    @Test
    void ofConcurrentTakersOfAnExpiredLeaseExactlyOneWins() throws Exception {
        CaptureKey k = capture(Instant.now());
        abandonedClaim(k, Instant.now().minus(DecisionLedger.LEASE).minusSeconds(5));
        int n = 4;
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<DecisionLedger.Claim.Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<DecisionLedger.Claim>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DecisionLedger own = new DecisionLedger(s3.client(), BUCKET);
                fs.add(pool.submit(() -> {
                    barrier.await();
                    return own.claim(k, Instant.now());
                }));
            }
            for (Future<DecisionLedger.Claim> f : fs) {
                outcomes.add(f.get().outcome());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).containsOnlyOnce(DecisionLedger.Claim.Outcome.TAKEN_OVER)
                .containsOnly(DecisionLedger.Claim.Outcome.TAKEN_OVER, DecisionLedger.Claim.Outcome.BUSY);
    }

    @Test
    void aHolderThatLostItsLeaseCannotOverwriteItsSuccessor() {
        CaptureKey k = capture(Instant.now());
        DecisionLedger.Claim first = ledger.claim(k, Instant.now().minus(DecisionLedger.LEASE).minusSeconds(1));
        DecisionLedger.Claim second = ledger.claim(k, Instant.now());
        assertThat(second.outcome()).isEqualTo(DecisionLedger.Claim.Outcome.TAKEN_OVER);
        Decision late = Decision.deny(DOOR, k.captureId(), Reasons.NO_MATCH, null, null, Instant.now(),
                Duration.ofSeconds(5));
        assertThat(ledger.record(k, late, first)).isFalse();
        Decision current = Decision.deny(DOOR, k.captureId(), Reasons.INVALID_IMAGE, null, null, Instant.now(),
                Duration.ofSeconds(5));
        assertThat(ledger.record(k, current, second)).isTrue();
        assertThat(ledger.recorded(k)).map(Decision::id).contains(current.id());
        assertThat(ledger.claim(k, Instant.now().plus(Duration.ofDays(1))).outcome())
                .isEqualTo(DecisionLedger.Claim.Outcome.DECIDED);
    }
}

package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.cloud.access.CaptureDecisions;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.facegate.site.SiteFixture;
import com.facegate.site.TestSite;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One door on one machine over real protocols: the door daemon (JavaCV-free camera from files, the real engine
 * as its gate, mock GPIO) uploads over HTTPS S3 with SigV4, the S3 event invokes the real access handler, which
 * asks the Rekognition-compatible endpoint and publishes over the IoT data plane into the mTLS broker, and the
 * door acts on the decision. Audit comes back over MQTT into the cloud's audit sink. The tests share one site
 * (SiteFixture.start): enrolling costs seconds, and each test begins with the corridor empty again.
 */
class VisitEndToEndTest {
    static TestSite site;
    /** When set, replaces the cloud's decision for the next capture (late-delivery tests). */
    static final AtomicReference<CaptureDecisions> override = new AtomicReference<>();
    /** Captures whose decision the override made: the other entry point finds them decided, as the ledger would. */
    static final Set<String> overridden = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startSite() throws Exception {
        Lfw.root();
        site = SiteFixture.start("e2e-door", door -> door
                .doorSetting("decision.deadline", "5s") // short for the late-grant test, with room for a loaded machine
                // The override replaces the decision on whichever entry point (announcement or S3 event) comes first.
                .wrapAccess(real -> capture -> {
                    if (overridden.contains(capture.captureId())) {
                        return Optional.empty();
                    }
                    CaptureDecisions o = override.getAndSet(null);
                    if (o == null) {
                        return real.decide(capture);
                    }
                    overridden.add(capture.captureId());
                    return o.decide(capture);
                }));
        // Enrollment photos must pass the quality gate (frontal, one face, sharp): these two do.
        site.enroll("B-E2E-1", Lfw.photo("Colin_Powell", 1));
        site.enroll("B-E2E-2", Lfw.photo("Tony_Blair", 2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @BeforeEach
    void clear() throws InterruptedException {
        Thread.sleep(800); // corridor empty again: gate window, per-person cooldown and relay pulse are over
        site.clear();
    }

    @Test
    void givenTwoEnrolledPeople_whenEachWalksUpWithAnotherPhoto_thenTheRelayPulsesOnceForEachWithTheirBadge()
            throws Exception {
        for (Object[] visit : new Object[][] {{"Colin_Powell", 2, "B-E2E-1"}, {"Tony_Blair", 4, "B-E2E-2"}}) {
            site.clear();
            site.show(Lfw.photo((String) visit[0], (Integer) visit[1]));

            await().atMost(Duration.ofSeconds(20)).until(() -> site.audits(AuditEvent.Type.UNLOCKED).size() == 1);
            AuditEvent unlocked = site.audits(AuditEvent.Type.UNLOCKED).get(0);
            assertThat(unlocked.badgeId()).isEqualTo(visit[2]);
            assertThat(unlocked.reason()).isEqualTo(Reasons.MATCHED);
            assertThat(unlocked.similarity()).isGreaterThanOrEqualTo(99.0);
            await().atMost(Duration.ofSeconds(3)).until(() -> site.relay().size() >= 2);
            Thread.sleep(500);
            assertThat(site.relay()).containsExactly(DigitalState.HIGH, DigitalState.LOW);
            // The cloud's own decision record for the same capture says GRANT with the badge.
            await().atMost(Duration.ofSeconds(5)).until(() -> site.admin().queryAudit("e2e-door", (String) visit[2],
                    Instant.now().minusSeconds(60), Instant.now().plusSeconds(60)).size() >= 1);
        }
    }

    @Test
    void givenTheDoorConnectedToTheBroker_whenTheAuditIsQueried_thenItsConnectionIsOnRecord() {
        // The broker's lifecycle event, through the same sink as in AWS (presence rule), as DOOR_ONLINE.
        await().atMost(Duration.ofSeconds(10)).until(() -> site.admin().queryAudit("e2e-door", null,
                Instant.now().minusSeconds(600), Instant.now().plusSeconds(60)).stream()
                .anyMatch(r -> r.event().type() == AuditEvent.Type.DOOR_ONLINE
                        && AuditEvent.SOURCE_CLOUD.equals(r.event().source())));
    }

    @Test
    void givenAStranger_whenTheyWalkUp_thenTheRelayStaysOffAndTheDoorAuditsTheDenyWithItsReason() throws Exception {
        site.show(Lfw.photo("Aaron_Pena", 1));

        await().atMost(Duration.ofSeconds(20)).until(() -> site.audits(AuditEvent.Type.DENIED).size() == 1);
        assertThat(site.audits(AuditEvent.Type.DENIED).get(0).reason()).isEqualTo(Reasons.NO_MATCH);
        Thread.sleep(500);
        assertThat(site.relay()).isEmpty();
        assertThat(site.audits(AuditEvent.Type.UNLOCKED)).isEmpty();
    }

    @Test
    void givenAGrantThatExpiredBeforeItArrived_whenTheDoorGetsIt_thenTheRelayStaysOffAndItIsAuditedAsIgnored()
            throws Exception {
        override.set(lateGrant(Duration.ZERO, true));
        site.show(Lfw.photo("Colin_Powell", 3));

        await().atMost(Duration.ofSeconds(20)).until(() -> site.audits(AuditEvent.Type.IGNORED).stream()
                .anyMatch(e -> Reasons.EXPIRED.equals(e.reason())));
        Thread.sleep(500);
        assertThat(site.relay()).isEmpty();
        assertThat(site.audits(AuditEvent.Type.UNLOCKED)).isEmpty();
        awaitTheVisitsOwnDeny();
    }

    @Test
    void givenAGrantStillValidButPastTheDoorsDeadline_whenItArrives_thenTheRelayStaysOff() throws Exception {
        override.set(lateGrant(Duration.ofMillis(5500), false)); // half a second past the deadline
        site.show(Lfw.photo("Tony_Blair", 3));

        await().atMost(Duration.ofSeconds(20)).until(() -> site.audits(AuditEvent.Type.IGNORED).stream()
                .anyMatch(e -> Reasons.DEADLINE_PASSED.equals(e.reason())
                        || Reasons.UNKNOWN_CAPTURE.equals(e.reason())));
        Thread.sleep(500);
        assertThat(site.relay()).isEmpty();
        awaitTheVisitsOwnDeny();
    }

    /**
     * Every visit leaves one record: a capture whose grant the door refused is denied NO_DECISION at its deadline.
     * Waiting for it here also keeps that record out of the next test's audit.
     */
    private static void awaitTheVisitsOwnDeny() {
        await().atMost(Duration.ofSeconds(20)).until(() -> site.audits(AuditEvent.Type.DENIED).stream()
                .anyMatch(e -> Reasons.NO_DECISION.equals(e.reason())));
    }

    /**
     * Stands in for a slow S3 notification or a QoS 1 redelivery after a reconnect: a real, well-formed GRANT for
     * the door's real pending capture, published through the broker after {@code delay}, already expired or not.
     */
    private static CaptureDecisions lateGrant(Duration delay, boolean expired) {
        return capture -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Instant now = Instant.now();
            Instant issued = expired ? now.minusSeconds(10) : now;
            Decision grant = Decision.grant(capture.doorId(), capture.captureId(), "B-E2E-1", 99.9, issued,
                    Duration.ofSeconds(5));
            site.stack().publish(Topics.decision(capture.doorId()), MessageCodec.encode(grant), 1).join();
            return Optional.of(grant);
        };
    }
}

package com.facegate.cloud.access.factors;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.RecordingIotEndpoint;
import com.facegate.cloud.S3Events;
import com.facegate.cloud.TestClients;
import com.facegate.cloud.TestData;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.access.AccessDecisionHandler;
import com.facegate.cloud.access.LivenessCheck;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.audit.AuditWriter;
import com.facegate.cloud.enroll.FactorAdmin;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.FactorStore;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.PinSeal;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.facegate.protocol.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
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
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The modes that need no face (CARD_AND_PIN, CARD_OR_FACE's card) and every refusal decided before recognition,
 * through the real access handler over real S3 (s3proxy with conditional writes) and a real HTTP IoT endpoint, with
 * PINs sealed by real RSA-OAEP. Recognition is unreachable here: a capture that reaches the face search is denied
 * RECOGNITION_UNAVAILABLE, which is how the schedule test tells a FACE door from a CARD_AND_FACE one. The face
 * modes with real faces are in the it module ({@code SecondFactorLocalStackTest}).
 */
class SecondFactorsTest {
    static final String BUCKET = "facegate-example";
    static final String DOOR = "server-room";
    static final String CARD = "4200123";
    static final char[] PIN = "274913".toCharArray();
    static final char[] DURESS = "850362".toCharArray();
    static final RetryPolicy NO_WAIT = AwsRetries.standard().withSleeper(d -> { });

    @TempDir
    static Path dir;
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass(BUCKET);
    @RegisterExtension
    static final RecordingIotEndpoint iot = RecordingIotEndpoint.perClass();
    static CloudClients clients;
    static KeyPair cloudKey;
    static CloudConfig config;
    static AccessDecisionHandler handler;
    static Registry registry;
    static FactorAdmin admin;
    static int badges;

    @BeforeAll
    static void start() throws Exception {
        clients = TestClients.of(s3, TestClients.closedPort(), iot.uri());
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        cloudKey = rsa.generateKeyPair();
        Path pem = dir.resolve("pin-key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(cloudKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        config = CloudConfig.builder(BUCKET).pinKey(pem.toString()).build();
        handler = handlerAt(Clock.systemUTC());
        registry = new Registry(s3.client(), BUCKET, Clock.systemUTC(), Duration.ZERO);
        admin = new FactorAdmin(config, clients, Clock.systemUTC());
        door(DoorMode.CARD_AND_PIN);
    }

    static AccessDecisionHandler handlerAt(Clock clock) {
        return new AccessDecisionHandler(config, clients, clock, LivenessCheck.notAvailable(), NO_WAIT);
    }

    static void door(DoorMode mode) {
        registry.putDoor(new Door(DOOR, "Server room", "Europe/Madrid", List.of("staff"), List.of()).withModes(mode,
                List.of()));
    }

    /** A fresh badge holding a fresh card with {@link #PIN} and duress {@link #DURESS}; returns the card. */
    static String badgeWithCard(String badgeId) {
        registry.putBadge(new Badge(badgeId, "Test Person", List.of("staff"), Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2099-01-01T00:00:00Z"), Badge.Status.ACTIVE, null));
        badges++;
        String card = CARD + badges;
        admin.addCard(badgeId, card, "test-admin");
        admin.setPin(badgeId, PIN.clone(), "test-admin");
        admin.setDuressPin(badgeId, DURESS.clone(), "test-admin");
        return card;
    }

    @BeforeEach
    void clear() {
        iot.clear();
        door(DoorMode.CARD_AND_PIN);
    }

    static CaptureKey newCapture() {
        return new CaptureKey(DOOR, CaptureKey.newCaptureId(Instant.now()));
    }

    static String seal(CaptureKey k, char[] pin, Instant at) {
        return PinSeal.seal(cloudKey.getPublic(), k.doorId(), k.captureId(), pin.clone(), at);
    }

    static Decision visit(AccessDecisionHandler h, CaptureKey k, Map<String, String> metadata) throws Exception {
        s3.client().putObject(b -> b.bucket(BUCKET).key(k.key()).metadata(metadata),
                RequestBody.fromBytes(TestData.anyFaceJpeg()));
        iot.clear();
        h.handleRequest(S3Events.created(BUCKET, k.key()), null);
        List<RecordingIotEndpoint.Published> got = iot.on(Topics.decision(DOOR));
        assertThat(got).hasSize(1);
        Decision d = MessageCodec.decode(got.get(0).payload(), Decision.class);
        assertThat(d.captureId()).isEqualTo(k.captureId());
        return d;
    }

    static Decision visit(String card, char[] pin) throws Exception {
        CaptureKey k = newCapture();
        Map<String, String> m = new HashMap<>();
        if (card != null) {
            m.put(CaptureMetadata.CARD, card);
        }
        if (pin != null) {
            m.put(CaptureMetadata.PIN_SEALED, seal(k, pin, Instant.now()));
        }
        return visit(handler, k, m);
    }

    static List<AuditRecord> audit(String badgeId) {
        return new AuditReader(s3.client(), BUCKET).query(null, badgeId, Instant.now().minusSeconds(300),
                Instant.now().plusSeconds(60));
    }

    static AuditEvent decisionRecord(Decision d) {
        return audit(d.badgeId()).stream().map(AuditRecord::event)
                .filter(e -> e.type() == AuditEvent.Type.DECISION && d.captureId().equals(e.captureId()))
                .findFirst().orElseThrow();
    }

    @Test
    void rightCardAndPinOpenAndTheAuditNamesTheFactorsButNeverThePinNorTheCard() throws Exception {
        String card = badgeWithCard("B-GRANT");
        Decision d = visit(card, PIN);
        assertThat(d.isGrant()).as(d.reason()).isTrue();
        assertThat(d.badgeId()).isEqualTo("B-GRANT");
        AuditEvent e = decisionRecord(d);
        assertThat(e.details()).containsEntry("mode", "CARD_AND_PIN").containsEntry("presented", "card,pin")
                .doesNotContainKey("failed").containsKey("cardRef");
        String all = new String(MessageCodec.encode(e), StandardCharsets.UTF_8);
        assertThat(all).doesNotContain(card).doesNotContain(new String(PIN));
    }

    @Test
    void aMissingFactorIsNamed() throws Exception {
        String card = badgeWithCard("B-MISSING");
        Decision noPin = visit(card, null);
        assertThat(noPin.reason()).isEqualTo(Reasons.PIN_REQUIRED);
        assertThat(decisionRecord(noPin).details()).containsEntry("failed", "pin").containsEntry("presented", "card");
        assertThat(visit(null, PIN).reason()).isEqualTo(Reasons.CARD_REQUIRED);
        door(DoorMode.CARD_AND_FACE);
        // No card at a CARD_AND_FACE door: refused before any recognition is asked.
        assertThat(visit(null, null).reason()).isEqualTo(Reasons.CARD_REQUIRED);
    }

    @Test
    void cardOrFaceOpensOnTheCardAlone() throws Exception {
        String card = badgeWithCard("B-EITHER");
        door(DoorMode.CARD_OR_FACE);
        Decision d = visit(card, null);
        assertThat(d.isGrant()).as(d.reason()).isTrue();
        assertThat(d.badgeId()).isEqualTo("B-EITHER");
        assertThat(d.similarity()).isNull();
    }

    @Test
    void unknownAndMalformedCardsAreDeniedWithAReason() throws Exception {
        assertThat(visit("777000111", PIN).reason()).isEqualTo(Reasons.UNKNOWN_CARD);
        assertThat(visit("12;DROP TABLE", PIN).reason()).isEqualTo(Reasons.BAD_CARD);
        assertThat(visit("9".repeat(200), PIN).reason()).isEqualTo(Reasons.BAD_CARD);
    }

    @Test
    void fiveWrongPinsLockTheBadgeUntilAnAdminUnlocksIt() throws Exception {
        String card = badgeWithCard("B-LOCK");
        char[] wrong = "1111".toCharArray();
        for (int i = 1; i <= 4; i++) {
            assertThat(visit(card, wrong).reason()).as("wrong PIN " + i).isEqualTo(Reasons.WRONG_PIN);
        }
        assertThat(visit(card, wrong).reason()).isEqualTo(Reasons.PIN_LOCKED);
        assertThat(audit("B-LOCK")).extracting(r -> r.event().type()).contains(AuditEvent.Type.PIN_LOCKED);
        // Locked: the right PIN, and the duress PIN too, are refused.
        assertThat(visit(card, PIN).reason()).isEqualTo(Reasons.PIN_LOCKED);
        assertThat(visit(card, DURESS).reason()).isEqualTo(Reasons.PIN_LOCKED);
        admin.unlockPin("B-LOCK", "test-admin");
        assertThat(audit("B-LOCK")).extracting(r -> r.event().type()).contains(AuditEvent.Type.PIN_UNLOCKED);
        assertThat(visit(card, PIN).isGrant()).isTrue();
        assertThat(admin.factors("B-LOCK").wrongPins()).isZero();
    }

    @Test
    void theRightPinResetsTheCount() throws Exception {
        String card = badgeWithCard("B-RESET");
        for (int i = 0; i < 4; i++) {
            visit(card, "1111".toCharArray());
        }
        assertThat(visit(card, PIN).isGrant()).isTrue();
        assertThat(visit(card, "1111".toCharArray()).reason()).isEqualTo(Reasons.WRONG_PIN);
        assertThat(admin.factors("B-RESET").wrongPins()).isEqualTo(1);
    }

    @Test
    void theDuressPinOpensAsAnyGrantAndRaisesASilentAlarm() throws Exception {
        String card = badgeWithCard("B-DURESS");
        Decision normal = visit(card, PIN);
        Decision duress = visit(card, DURESS);
        assertThat(duress.isGrant()).isTrue();
        assertThat(duress.reason()).isEqualTo(normal.reason());
        assertThat(duress.badgeId()).isEqualTo(normal.badgeId());
        assertThat(duress.similarity()).isEqualTo(normal.similarity());
        // The decision's own audit record reads as a normal grant's (only its ids and times differ).
        Map<String, String> asNormal = new HashMap<>(decisionRecord(normal).details());
        asNormal.put("decisionId", decisionRecord(duress).details().get("decisionId"));
        asNormal.put("expiresAt", decisionRecord(duress).details().get("expiresAt"));
        assertThat(decisionRecord(duress).details()).isEqualTo(asNormal);
        List<AuditEvent> alarms = audit("B-DURESS").stream().map(AuditRecord::event)
                .filter(e -> e.type() == AuditEvent.Type.DURESS).toList();
        assertThat(alarms).hasSize(1);
        assertThat(alarms.get(0).captureId()).isEqualTo(duress.captureId());
        assertThat(alarms.get(0).reason()).isEqualTo(Reasons.DURESS);
    }

    @Test
    void aSealCopiedToAnotherCaptureOldWrongKeyOrGarbageIsRefused() throws Exception {
        String card = badgeWithCard("B-SEAL");
        CaptureKey first = newCapture();
        String sealed = seal(first, PIN, Instant.now());
        assertThat(visit(handler, first, Map.of(CaptureMetadata.CARD, card, CaptureMetadata.PIN_SEALED, sealed))
                .isGrant()).isTrue();
        // Replayed onto a new capture of the same door: bound to the first capture.
        Decision replayed = visit(handler, newCapture(), Map.of(CaptureMetadata.CARD, card,
                CaptureMetadata.PIN_SEALED, sealed));
        assertThat(replayed.reason()).isEqualTo(Reasons.BAD_PIN_SEAL);
        assertThat(decisionRecord(replayed).details().get("problem"))
                .contains("another door or capture");
        CaptureKey old = newCapture();
        assertThat(visit(handler, old, Map.of(CaptureMetadata.CARD, card, CaptureMetadata.PIN_SEALED,
                seal(old, PIN, Instant.now().minus(Duration.ofMinutes(10))))).reason()).isEqualTo(Reasons.BAD_PIN_SEAL);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        CaptureKey other = newCapture();
        String otherKey = PinSeal.seal(rsa.generateKeyPair().getPublic(), DOOR, other.captureId(), PIN.clone(),
                Instant.now());
        assertThat(visit(handler, other, Map.of(CaptureMetadata.CARD, card, CaptureMetadata.PIN_SEALED, otherKey))
                .reason()).isEqualTo(Reasons.BAD_PIN_SEAL);
        assertThat(visit(handler, newCapture(), Map.of(CaptureMetadata.CARD, card, CaptureMetadata.PIN_SEALED,
                "%%% not base64 %%%")).reason()).isEqualTo(Reasons.BAD_PIN_SEAL);
        assertThat(visit(handler, newCapture(), Map.of(CaptureMetadata.CARD, card, CaptureMetadata.PIN_SEALED,
                "A".repeat(1500))).reason()).isEqualTo(Reasons.BAD_PIN_SEAL);
        // None of these counted as a wrong PIN: a seal that cannot be trusted says nothing about the PIN.
        assertThat(admin.factors("B-SEAL").wrongPins()).isZero();
    }

    @Test
    void aScheduleSwitchesTheDoorFromFaceToCardAndFaceAtTheConfiguredTimeInTheDoorsZone() throws Exception {
        registry.putDoor(new Door(DOOR, "Main entrance", "Europe/Madrid", List.of("staff"), List.of())
                .withModes(DoorMode.CARD_AND_FACE, List.of(new ModeWindow(DoorMode.FACE,
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0)))));
        // Tuesday 2026-12-01: 17:59 and 18:00 in Madrid are 16:59 and 17:00 UTC.
        Instant officeHours = Instant.parse("2026-12-01T16:59:00Z");
        Instant evening = Instant.parse("2026-12-01T17:00:00Z");
        Decision day = visit(handlerAt(Clock.fixed(officeHours, ZoneOffset.UTC)), newCapture(), Map.of());
        // FACE: the capture went to the face search (recognition is down in this test).
        assertThat(day.reason()).isEqualTo(Reasons.RECOGNITION_UNAVAILABLE);
        Decision night = visit(handlerAt(Clock.fixed(evening, ZoneOffset.UTC)), newCapture(), Map.of());
        assertThat(night.reason()).isEqualTo(Reasons.CARD_REQUIRED);
    }

    @Test
    void twoWrongPinsAtOnceAreBothCounted() throws Exception {
        badgeWithCard("B-RACE");
        FactorStore store = new FactorStore(s3.client(), BUCKET, registry);
        PinCheck check = new PinCheck(store, new AuditWriter(s3.client(), BUCKET, Clock.systemUTC(), NO_WAIT), 5,
                Clock.systemUTC());
        int n = 3;
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<PinCheck.Outcome>> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                got.add(pool.submit(() -> {
                    barrier.await();
                    return check.check("B-RACE", "0000".toCharArray(), newCapture());
                }));
            }
            for (Future<PinCheck.Outcome> f : got) {
                assertThat(f.get()).isEqualTo(PinCheck.Outcome.WRONG);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin.factors("B-RACE").wrongPins()).isEqualTo(n);
    }
}

package com.facegate.cloud.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.RecordingIotEndpoint;
import com.facegate.cloud.TestClients;
import com.facegate.cloud.TestData;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Group;
import com.facegate.cloud.registry.ScheduleWindow;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin service over real S3 and a real HTTP IoT publish endpoint (recognition-free operations). */
class BadgeAdminTest {
    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass("admin");
    @RegisterExtension
    static final RecordingIotEndpoint iot = RecordingIotEndpoint.perClass();
    static BadgeAdmin admin;
    static final Consent CONSENT = new Consent(Instant.parse("2026-11-01T09:00:00Z"), "notice-v3", "facilities");

    @BeforeAll
    static void start() throws Exception {
        admin = new BadgeAdmin(CloudConfig.defaults("admin"), TestClients.of(s3, TestClients.closedPort(), iot.uri()),
                Clock.systemUTC());
        admin.putDoor(new Door("front-door-01", "Front", "Europe/Madrid", List.of("staff"),
                List.of(new ScheduleWindow(null, Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(18, 0)))));
        admin.putGroup(new Group("staff", "Everyone"));
    }

    static EnrollmentRequest request(String badge, Consent consent) {
        return new EnrollmentRequest(badge, "Ana María López", List.of("staff", "lab"),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), consent);
    }

    @Test
    void enrollmentWithoutConsentIsRefusedAndWritesNothing() {
        byte[] photo = TestData.anyFaceJpeg();
        assertThatThrownBy(() -> admin.enroll(request("B-NOC", null), List.of(new EnrollmentPhoto("a.jpg", photo))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consent");
        assertThatThrownBy(() -> admin.enroll(request("B-NOC", new Consent(Instant.now(), "", "x")),
                List.of(new EnrollmentPhoto("a.jpg", photo)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.enroll(request("B-NOC", CONSENT),
                List.of(new EnrollmentPhoto("a.txt", "hello".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(admin.registry().badge("B-NOC")).isEmpty();
        assertThat(admin.registry().keys("enroll/B-NOC/")).isEmpty();
    }

    @Test
    void enrollmentWritesTheBadgeAndUploadsPhotosUnderNameFreeKeys() {
        byte[] photo = TestData.anyFaceJpeg();
        EnrollmentReceipt r = admin.enroll(request("B-100", CONSENT),
                List.of(new EnrollmentPhoto("Ana María.jpg", photo)));
        assertThat(r.photoKeys()).singleElement().satisfies(k -> {
            assertThat(k).startsWith("enroll/B-100/photo-").endsWith(".jpg").doesNotContain("Ana");
            assertThat(EnrollmentHandler.badgeOf(k)).contains("B-100");
        });
        Badge b = admin.registry().badge("B-100").orElseThrow();
        assertThat(b.status()).isEqualTo(Badge.Status.ACTIVE);
        assertThat(b.consent()).isEqualTo(CONSENT);
        assertThat(admin.listBadges()).extracting(Badge::badgeId).contains("B-100");
        assertThat(admin.listGroups()).contains("staff", "lab");
        assertThat(admin.listSchedules().get("front-door-01")).hasSize(1);

        Badge revoked = admin.revoke("B-100", "security");
        assertThat(revoked.status()).isEqualTo(Badge.Status.REVOKED);
        assertThat(admin.registry().badge("B-100").orElseThrow().status()).isEqualTo(Badge.Status.REVOKED);
        List<AuditRecord> audit = admin.queryAudit(null, "B-100", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(60));
        assertThat(audit).extracting(a -> a.event().type()).contains(AuditEvent.Type.REVOKED);
        assertThat(audit.toString()).doesNotContain("Ana");
    }

    @Test
    void badgeChangeListenersHearEachChangeOnceStoredAndAFailingOneBreaksNothing() {
        List<String> heard = new CopyOnWriteArrayList<>();
        Consumer<String> failing = id -> {
            throw new IllegalStateException("listener down");
        };
        // What the store holds when the listener hears of the change: the change is written before it is told.
        Consumer<String> recording = id -> heard.add(id + " "
                + admin.registry().badge(id).map(b -> b.status() + " " + String.join(",", b.groups())).orElse("gone")
                + " photos=" + admin.registry().keys("enroll/" + id + "/").size());
        admin.onBadgeChange(failing);
        admin.onBadgeChange(recording);
        try {
            admin.enroll(request("B-HEAR", CONSENT), List.of(new EnrollmentPhoto("a.jpg", TestData.anyFaceJpeg())));
            admin.update("B-HEAR", List.of("night"), null, Instant.parse("2027-01-01T00:00:00Z"), "desk");
            admin.revoke("B-HEAR", "desk");
        } finally {
            admin.removeBadgeChangeListener(failing);
            admin.removeBadgeChangeListener(recording);
        }
        admin.update("B-HEAR", List.of("staff"), null, Instant.parse("2027-01-01T00:00:00Z"), "desk");
        assertThat(heard).containsExactly("B-HEAR ACTIVE staff,lab photos=1", "B-HEAR ACTIVE night photos=1",
                "B-HEAR REVOKED night photos=1");
        assertThat(admin.registry().badge("B-HEAR").orElseThrow().groups()).containsExactly("staff");
    }

    @Test
    void remoteUnlockIsPublishedOnTheDoorsCommandTopicAndAuditedAsSent() throws Exception {
        DoorCommand c = admin.unlock("front-door-01", "alice@facilities", "delivery at loading bay",
                Duration.ofSeconds(30));
        List<RecordingIotEndpoint.Published> sent = iot.on(Topics.commands("front-door-01"));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).qos()).isEqualTo("1");
        DoorCommand received = MessageCodec.decode(sent.get(0).payload(), DoorCommand.class);
        assertThat(received).isEqualTo(c);
        assertThat(received.type()).isEqualTo(DoorCommand.Type.UNLOCK);
        assertThat(received.expiresAt()).isEqualTo(received.issuedAt().plusSeconds(30));
        List<AuditRecord> audit = admin.queryAudit("front-door-01", null, Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(60));
        assertThat(audit).filteredOn(a -> c.requestId().equals(a.event().requestId())).singleElement().satisfies(a -> {
            assertThat(a.event().type()).isEqualTo(AuditEvent.Type.REMOTE_UNLOCK);
            assertThat(a.event().requestedBy()).isEqualTo("alice@facilities");
            assertThat(a.event().details()).containsEntry(DoorCommands.DETAIL_DELIVERY, DoorCommands.DELIVERY_SENT);
        });
    }

    @Test
    void aCommandTheIotEndpointRefusesIsAuditedOnceAsFailedAndThrown() {
        // Every attempt of the publisher's retries answers 503, as the IoT data endpoint does when the broker refuses.
        iot.failNext(com.facegate.cloud.AwsRetries.MAX_ATTEMPTS);
        Instant before = Instant.now();
        assertThatThrownBy(() -> admin.unlock("front-door-01", "alice@facilities", "courier", Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(CommandNotDeliveredException.class, e -> {
                    assertThat(e.doorId()).isEqualTo("front-door-01");
                    assertThat(e.commandType()).isEqualTo(DoorCommand.Type.UNLOCK);
                    assertThat(e.getMessage()).contains("NOT delivered", e.requestId());
                    assertThat(commandRecords(e.requestId(), before)).singleElement().satisfies(a -> {
                        assertThat(a.event().type()).isEqualTo(AuditEvent.Type.REMOTE_UNLOCK);
                        assertThat(a.event().requestedBy()).isEqualTo("alice@facilities");
                        assertThat(a.event().details()).containsEntry(DoorCommands.DETAIL_DELIVERY,
                                DoorCommands.DELIVERY_FAILED).containsEntry(DoorCommands.DETAIL_DELIVERY_ERROR,
                                "ServiceUnavailableException");
                    });
                });
        assertThat(iot.on(Topics.commands("front-door-01"))).noneMatch(p -> p.text().contains("courier"));
    }

    @Test
    void aLockdownOverAClosedIotPortIsAuditedOnceAsFailedAndThrown() {
        BadgeAdmin unreachable = new BadgeAdmin(CloudConfig.defaults("admin"), TestClients.of(s3,
                TestClients.closedPort(), TestClients.closedPort()), Clock.systemUTC());
        Instant before = Instant.now();
        assertThatThrownBy(() -> unreachable.lockdown("front-door-01", false, "bob", "drill", Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(CommandNotDeliveredException.class, e ->
                        assertThat(commandRecords(e.requestId(), before)).singleElement().satisfies(a -> {
                            assertThat(a.event().type()).isEqualTo(AuditEvent.Type.LOCKDOWN);
                            assertThat(a.event().details()).containsEntry(DoorCommands.DETAIL_DELIVERY,
                                    DoorCommands.DELIVERY_FAILED);
                            assertThat(a.event().details().get(DoorCommands.DETAIL_DELIVERY_ERROR))
                                    .isNotBlank().isNotEqualTo("ServiceUnavailableException");
                        }));
    }

    private static List<AuditRecord> commandRecords(String requestId, Instant from) {
        return admin.queryAudit("front-door-01", null, from.minusSeconds(1), Instant.now().plusSeconds(60))
                .stream().filter(a -> requestId.equals(a.event().requestId())).toList();
    }

    @Test
    void remoteUnlockRefusesUnknownDoorsAndLongWindows() {
        assertThatThrownBy(() -> admin.unlock("no-such-door", "a", "b", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.unlock("front-door-01", "a", "b", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.unlock("front-door-01", "", "b", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.unlock("facegate/doors/+", "a", "b", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(iot.on(Topics.commands("front-door-01"))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void updateChangesGroupsAndValidityOnlyAndIsAuditedWithOldAndNewValues() {
        byte[] photo = TestData.anyFaceJpeg();
        admin.enroll(request("B-UPD", CONSENT), List.of(new EnrollmentPhoto("a.jpg", photo)));
        assertThatThrownBy(() -> admin.update("B-UPD", List.of("staff"), Instant.parse("2027-01-01T00:00:00Z"),
                Instant.parse("2026-06-01T00:00:00Z"), "bob")).isInstanceOf(IllegalArgumentException.class);
        Badge b = admin.update("B-UPD", List.of("night"), Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2028-01-01T00:00:00Z"), "bob@facilities");
        assertThat(b.name()).isEqualTo("Ana María López");
        assertThat(b.consent()).isEqualTo(CONSENT);
        assertThat(admin.registry().badge("B-UPD")).contains(b);
        assertThat(admin.queryAudit(null, "B-UPD", Instant.now().minusSeconds(60), Instant.now().plusSeconds(60)))
                .filteredOn(a -> a.event().type() == AuditEvent.Type.BADGE_UPDATED).singleElement()
                .satisfies(a -> {
                    assertThat(a.event().requestedBy()).isEqualTo("bob@facilities");
                    assertThat(a.event().details()).containsEntry("groups", "staff,lab -> night")
                            .containsEntry("validUntil", "2027-01-01T00:00:00Z -> 2028-01-01T00:00:00Z");
                    assertThat(a.event().details().toString()).doesNotContain("Ana");
                });
        assertThatThrownBy(() -> admin.update("B-NONE", List.of(), null, Instant.now(), "bob"))
                .hasMessage("no such badge: B-NONE");
    }

    @Test
    void photosAreStoredUnderTheirContentsKeyAndExportedAsStored() {
        byte[] photo = TestData.anyFaceJpeg();
        EnrollmentReceipt r = admin.enroll(request("B-KEY", CONSENT), List.of(new EnrollmentPhoto("a.jpg", photo)));
        assertThat(r.photoKeys()).containsExactly(BadgeAdmin.photoKey("B-KEY", photo));
        assertThat(BadgeAdmin.photoKey("B-KEY", photo)).matches("enroll/B-KEY/photo-[0-9a-f]{16}\\.jpg");
        assertThat(admin.enrollmentPhotos("B-KEY")).containsOnlyKeys(r.photoKeys().get(0));
        assertThat(admin.enrollmentPhotos("B-KEY").get(r.photoKeys().get(0))).isEqualTo(photo);
        admin.auditExport("B-KEY", "carol");
        assertThat(admin.queryAudit(null, "B-KEY", Instant.now().minusSeconds(60), Instant.now().plusSeconds(60)))
                .filteredOn(a -> a.event().type() == AuditEvent.Type.DATA_EXPORTED).singleElement()
                .extracting(a -> a.event().requestedBy()).isEqualTo("carol");
        assertThat(admin.capture(new com.facegate.protocol.CaptureKey("front-door-01", "2026-01-01T00:00:00Z_00")))
                .isEmpty();
        assertThat(admin.enrolledPhoto("B-KEY", "no-such-face")).isEmpty();
    }
}

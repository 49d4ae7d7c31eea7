package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.device.offline.CloudHealth;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.Reasons;
import com.facegate.site.CuttableRelay;
import com.facegate.site.SiteFixture;
import com.facegate.site.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, items 1 and 6a: S3 becomes unreachable for the door while MQTT stays up. The visits whose uploads fail
 * are audited (DENIED UPLOAD_FAILED), the third sends the door to its offline policy (OFFLINE_ENTERED); once S3 is
 * back the door's own probe finds it (ONLINE_RESTORED, no restart) and an enrolled member is granted by the cloud
 * again. Every visit leaves exactly one record.
 */
class OfflineRecoveryTest {
    private static final String DOOR = "recovering-door";
    private static final Set<AuditEvent.Type> VISIT_RECORDS = Set.of(AuditEvent.Type.UNLOCKED,
            AuditEvent.Type.DENIED, AuditEvent.Type.OFFLINE_DECISION);

    /** Shows one visitor and waits until the door has dealt with that visit (its record is in the audit). */
    private static void visit(TestSite site, Path photo) throws Exception {
        int before = visitRecords(site).size();
        site.show(photo);
        await().atMost(Duration.ofSeconds(40)).until(() -> visitRecords(site).size() > before);
    }

    private static List<AuditEvent> visitRecords(TestSite site) {
        return site.audits().stream().filter(a -> DOOR.equals(a.doorId()) && VISIT_RECORDS.contains(a.type()))
                .toList();
    }

    @Test
    void givenS3UnreachableForThreeVisits_whenItComesBack_thenTheDoorLeavesOfflineModeByItselfAndGrantsAgain()
            throws Exception {
        Lfw.root();
        try (CuttableRelay s3 = new CuttableRelay()) {
            SiteFixture.run(DOOR, door -> door.doorSetting("s3.endpoint", "https://127.0.0.1:" + s3.port())
                    .doorSetting("decision.deadline", "6s").doorSetting("gate.bestFrameWindow", "300ms"), site -> {
                assertThat(site.stack().s3Endpoint().getHost()).as("the stack's TLS name fits the relay")
                        .isEqualTo("127.0.0.1");
                s3.target(site.stack().s3Endpoint());
                s3.restore();
                site.enroll("B-REC-1", Lfw.photo("Colin_Powell", 1));
                visit(site, Lfw.photo("Colin_Powell", 2));
                assertThat(site.audits(AuditEvent.Type.UNLOCKED)).singleElement()
                        .satisfies(a -> assertThat(a.badgeId()).isEqualTo("B-REC-1"));

                s3.cut(); // the door's S3 is gone; MQTT is not
                visit(site, Lfw.photo("Aaron_Pena", 1));
                visit(site, Lfw.photo("Hugo_Chavez", 1));
                visit(site, Lfw.photo("Abdullah_Gul", 1));
                assertThat(site.door().link().online()).isTrue();
                assertThat(site.door().doorStatus().offlineMode()).isTrue();
                assertThat(site.audits(AuditEvent.Type.DENIED)).hasSize(2)
                        .allSatisfy(a -> assertThat(a.reason()).isEqualTo(Reasons.UPLOAD_FAILED));
                assertThat(site.audits(AuditEvent.Type.OFFLINE_DECISION)).singleElement()
                        .satisfies(a -> assertThat(a.reason()).isEqualTo(Reasons.OFFLINE_DENY_ALL));
                assertThat(site.audits(AuditEvent.Type.OFFLINE_ENTERED)).singleElement()
                        .satisfies(a -> assertThat(a.reason()).isEqualTo(CloudHealth.NO_DECISIONS));

                s3.restore(); // the fault clears: nobody restarts the door
                await().atMost(Duration.ofSeconds(30)).until(() -> !site.door().doorStatus().offlineMode());
                visit(site, Lfw.photo("Colin_Powell", 3));

                assertThat(site.audits(AuditEvent.Type.UNLOCKED)).hasSize(2)
                        .allSatisfy(a -> assertThat(a.badgeId()).isEqualTo("B-REC-1"));
                assertThat(site.audits(AuditEvent.Type.ONLINE_RESTORED)).singleElement()
                        .satisfies(a -> assertThat(a.reason()).isEqualTo(CloudHealth.CLOUD_REACHABLE));
                List<AuditEvent.Type> transitions = site.audits().stream().map(AuditEvent::type)
                        .filter(t -> t == AuditEvent.Type.OFFLINE_ENTERED || t == AuditEvent.Type.ONLINE_RESTORED)
                        .toList();
                assertThat(transitions).containsExactly(AuditEvent.Type.OFFLINE_ENTERED,
                        AuditEvent.Type.ONLINE_RESTORED);
                Map<String, Long> perCapture = visitRecords(site).stream()
                        .collect(Collectors.groupingBy(AuditEvent::captureId, Collectors.counting()));
                assertThat(perCapture).hasSize(5).allSatisfy((capture, records) -> assertThat(records).isOne());
            });
        }
    }
}

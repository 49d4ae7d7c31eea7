package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.BadDocuments;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Door;
import com.facegate.gallery.GalleryPublisher;
import com.facegate.protocol.AuditEvent;
import com.facegate.site.SiteFixture;
import com.facegate.site.TestSite;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 16, item 4, on the real local stack: badge documents that are not JSON, or name another badge, are skipped
 * and reported (log and an audit FAULT naming the key and the problem); listing badges and doors, publishing the
 * galleries and deciding for everyone else go on. A gallery that cannot be replaced while it still carries a
 * revoked badge raises a GALLERY_STALE alarm.
 */
class BadRegistryDocumentTest {
    private static final String DOOR = "registry-door";

    private static void put(TestSite site, String key, String body) {
        site.stack().s3Client().putObject(b -> b.bucket(site.stack().bucket()).key(key),
                RequestBody.fromString(body));
    }

    private static List<AuditEvent> cloudFaults(TestSite site, String reason) {
        List<AuditRecord> records = site.admin().queryAudit(null, null, Instant.now().minusSeconds(600),
                Instant.now().plusSeconds(600));
        return records.stream().map(AuditRecord::event)
                .filter(e -> e.type() == AuditEvent.Type.FAULT && reason.equals(e.reason())).toList();
    }

    @Test
    void givenBadBadgeDocuments_whenListingPublishingAndDeciding_thenTheyAreSkippedReportedAndTheRestWorks()
            throws Exception {
        Lfw.root();
        SiteFixture.run(DOOR, door -> door, site -> {
            site.enroll("B-GOOD-1", Lfw.photo("Colin_Powell", 1));
            put(site, "registry/badges/B-BAD-1.json", "this is { not JSON");
            put(site, "registry/badges/B-BAD-2.json", "{\"badgeId\":\"B-GOOD-1\",\"status\":\"ACTIVE\"}");

            assertThat(site.admin().listBadges()).extracting(Badge::badgeId).containsExactly("B-GOOD-1");
            assertThat(site.admin().listDoors()).extracting(Door::doorId).contains(DOOR);
            GalleryPublisher galleries = site.cloud().galleries().orElseThrow();
            GalleryPublisher.Outcome round = galleries.publishAll();
            assertThat(round.failed()).isEmpty();
            assertThat(round.published()).contains(DOOR);
            assertThat(galleries.publish(DOOR).orElseThrow().badges()).containsOnlyKeys("B-GOOD-1");

            site.show(Lfw.photo("Colin_Powell", 2));
            await().atMost(Duration.ofSeconds(40)).until(() -> !site.audits(AuditEvent.Type.UNLOCKED).isEmpty());
            assertThat(site.audits(AuditEvent.Type.UNLOCKED)).singleElement()
                    .satisfies(a -> assertThat(a.badgeId()).isEqualTo("B-GOOD-1"));

            List<AuditEvent> reported = cloudFaults(site, BadDocuments.REASON);
            assertThat(reported).extracting(e -> e.details().get("key")).contains("registry/badges/B-BAD-1.json",
                    "registry/badges/B-BAD-2.json");
            assertThat(reported).filteredOn(e -> e.details().get("key").endsWith("B-BAD-1.json"))
                    .allSatisfy(e -> assertThat(e.details().get("problem")).isEqualTo("not JSON"));
            assertThat(reported).filteredOn(e -> e.details().get("key").endsWith("B-BAD-2.json"))
                    .allSatisfy(e -> assertThat(e.details().get("problem")).contains("does not match its key"));

            // The door's gallery can no longer be replaced (its key is unreadable) and a badge in it is revoked.
            site.admin().revoke("B-GOOD-1", "ops-test");
            Files.writeString(site.stack().dataDir().resolve("doors").resolve(DOOR).resolve("gallery.key"),
                    "not base64 at all!");
            assertThat(galleries.publishAll().failed()).singleElement().asString().contains(DOOR);
            assertThat(cloudFaults(site, GalleryPublisher.STALE)).isNotEmpty().allSatisfy(e -> {
                assertThat(e.doorId()).isEqualTo(DOOR);
                assertThat(e.details()).containsEntry("badgesNoLongerAllowed", "1");
            });
        });
    }
}

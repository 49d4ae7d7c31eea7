package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.gallery.GalleryPublisher;
import com.facegate.local.doors.DoorBundle;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import com.facegate.site.LocalSite;
import com.facegate.site.SiteFixture;
import com.facegate.site.TestSite;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The offline fallback fed by the real gallery: the local cloud publishes the door's encrypted gallery from the
 * enrollment photos, the door fetches it on RESYNC, the access handler goes silent (cloud unreachable), and the
 * door decides on its own at its stricter threshold; a revocation reaches the door with the next gallery.
 */
class OfflineGalleryEndToEndTest {
    private static final String DOOR = "offline-door";

    /** A door that falls back to its gallery after one missed decision; the cloud answers until told not to. */
    private static UnaryOperator<LocalSite.Builder> offlineDoor(AtomicBoolean cloudDown) {
        return door -> door
                .doorSetting("decision.deadline", "2s")
                .doorSetting("offline.policy", "LOCAL_MATCH")
                .doorSetting("offline.missedDecisions", "1")
                // "Cloud down" silences the capture decision on both entry points (announcement and S3 event).
                .wrapAccess(real -> capture -> cloudDown.get() ? Optional.empty() : real.decide(capture));
    }

    private static GalleryPublisher publisher(TestSite site) {
        return site.cloud().galleries().orElseThrow();
    }

    private static void resync(TestSite site) {
        int before = site.audits(AuditEvent.Type.RESYNC).size();
        site.stack().publish(Topics.commands(DOOR), MessageCodec.encode(DoorCommand.of(DOOR, DoorCommand.Type.RESYNC,
                "ops-test", "gallery republished", Instant.now(), Duration.ofMinutes(1))), 1).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> site.audits(AuditEvent.Type.RESYNC).size() > before);
    }

    private static long offline(TestSite site, String result) {
        return site.audits(AuditEvent.Type.OFFLINE_DECISION).stream()
                .filter(a -> result.equals(a.details().get("result"))).count();
    }

    @Test
    void givenThePublishedGallery_whenTheCloudIsUnreachable_thenTheDoorDecidesLocallyAndARevocationReachesIt()
            throws Exception {
        Lfw.root();
        AtomicBoolean cloudDown = new AtomicBoolean();
        SiteFixture.run(DOOR, offlineDoor(cloudDown), site -> {
            site.enroll("B-OFF-1", Lfw.photo("Colin_Powell", 1));
            Gallery published = publisher(site).publish(DOOR).orElseThrow();
            assertThat(published.badges()).containsOnlyKeys("B-OFF-1");
            resync(site);

            // The cloud goes silent: the first visit misses its deadline, and the door falls back to itself.
            cloudDown.set(true);
            site.show(Lfw.photo("Aaron_Pena", 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> site.door().doorStatus().offlineMode());
            Thread.sleep(800);

            site.relay().clear();
            site.show(Lfw.photo("Colin_Powell", 2));
            await().atMost(Duration.ofSeconds(20)).until(() -> site.audits(AuditEvent.Type.OFFLINE_DECISION).stream()
                    .anyMatch(a -> "GRANT".equals(a.details().get("result")) && "B-OFF-1".equals(a.badgeId())));
            await().atMost(Duration.ofSeconds(3)).until(() -> site.relay().size() >= 2);
            assertThat(site.relay()).containsExactly(DigitalState.HIGH, DigitalState.LOW);

            // Revoked in the registry: the next gallery no longer carries the badge, and the door denies offline.
            site.admin().revoke("B-OFF-1", "ops-test");
            assertThat(publisher(site).publish(DOOR).orElseThrow().badges()).isEmpty();
            resync(site);
            Thread.sleep(800);
            site.relay().clear();
            long grantsBefore = offline(site, "GRANT");
            long deniesBefore = offline(site, "DENY");
            site.show(Lfw.photo("Colin_Powell", 3));
            await().atMost(Duration.ofSeconds(20)).until(() -> offline(site, "DENY") > deniesBefore);
            Thread.sleep(500);
            assertThat(site.relay()).isEmpty();
            assertThat(offline(site, "GRANT")).isEqualTo(grantsBefore);
        });
    }

    @Test
    void givenTheDoorsProvisioningBundle_whenItsGalleryIsPublished_thenTheBundlesKeyDecryptsIt() throws Exception {
        SiteFixture.run(DOOR, offlineDoor(new AtomicBoolean()), site -> {
            DoorBundle bundle = site.stack().existingDoor(DOOR).orElseThrow();
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(bundle.properties())) {
                props.load(r);
            }
            String key = props.getProperty("offline.galleryKeyBase64");
            assertThat(key).isEqualTo(site.stack().galleryKeys().keyBase64(DOOR));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.properties())))
                    .isEqualTo("rw-------");

            assertThat(publisher(site).publish(DOOR)).isPresent();

            byte[] file = site.cloud().clients().s3().getObjectAsBytes(b -> b.bucket(site.cloud().config().bucket())
                    .key(GalleryPublisher.objectKey(DOOR))).asByteArray();
            Gallery opened = GalleryCodec.decrypt(file, Base64.getDecoder().decode(key), DOOR);
            assertThat(opened.doorId()).isEqualTo(DOOR);
        });
    }
}

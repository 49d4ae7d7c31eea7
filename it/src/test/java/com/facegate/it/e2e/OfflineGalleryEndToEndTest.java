package com.facegate.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.gallery.GalleryPublisher;
import com.facegate.local.pki.DoorBundle;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.DoorCommand;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Topics;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import com.facegate.site.Enrollments;
import com.facegate.site.LocalSite;
import com.facegate.site.VisitCamera;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline fallback fed by the real gallery: the local cloud publishes the door's encrypted gallery from the
 * enrollment photos, the door fetches it on RESYNC, the access handler goes silent (cloud unreachable), and the
 * door decides on its own at its stricter threshold; a revocation reaches the door with the next gallery.
 */
class OfflineGalleryEndToEndTest {
    private static final String DOOR = "offline-door";

    @TempDir
    static Path data;
    static LocalSite site;
    static VisitCamera camera;
    static final AtomicBoolean cloudDown = new AtomicBoolean();
    static final List<AuditEvent> audits = new CopyOnWriteArrayList<>();
    static final List<DigitalState> relay = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startSite() throws Exception {
        Lfw.root();
        camera = new VisitCamera(20, t -> { });
        site = LocalSite.builder(data).ephemeral().doorId(DOOR).frames(camera)
                .doorSetting("gate.bestFrameWindow", "200ms")
                .doorSetting("gate.idleInterval", "50ms")
                .doorSetting("gate.activeInterval", "20ms")
                .doorSetting("gate.cooldown", "500ms")
                .doorSetting("door.unlockPulse", "300ms")
                .doorSetting("decision.deadline", "2s")
                .doorSetting("offline.policy", "LOCAL_MATCH")
                .doorSetting("offline.missedDecisions", "1")
                .wrapAccess(real -> (event, ctx) -> cloudDown.get() ? null : real.handleRequest(event, ctx))
                .start();
        site.stack().onAudit((topic, payload) -> {
            try {
                audits.add(MessageCodec.decode(payload, AuditEvent.class));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        site.door().pi4j().io(site.relayId(), DigitalOutput.class).addListener(e -> relay.add(e.state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> site.door().link().online());
        Thread.sleep(300);
        List<PhotoEnrollment> out = Enrollments.enroll(site.admin(), "B-OFF-1", "test person",
                List.of(Lfw.photo("Colin_Powell", 1)), Duration.ofSeconds(30));
        assertThat(out).singleElement().extracting(PhotoEnrollment::status).isEqualTo(PhotoEnrollment.Status.ENROLLED);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    private static GalleryPublisher publisher() {
        return site.cloud().galleries().orElseThrow();
    }

    private static void resync() {
        int before = count(AuditEvent.Type.RESYNC);
        site.stack().publish(Topics.commands(DOOR), MessageCodec.encode(DoorCommand.of(DOOR, DoorCommand.Type.RESYNC,
                "ops-test", "gallery republished", Instant.now(), Duration.ofMinutes(1))), 1).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(AuditEvent.Type.RESYNC) > before);
    }

    private static int count(AuditEvent.Type type) {
        return (int) audits.stream().filter(a -> a.type() == type && DOOR.equals(a.doorId())).count();
    }

    private static List<AuditEvent> offlineDecisions() {
        return audits.stream().filter(a -> a.type() == AuditEvent.Type.OFFLINE_DECISION).toList();
    }

    private static long offline(String result) {
        return offlineDecisions().stream().filter(a -> result.equals(a.details().get("result"))).count();
    }

    @Test
    void givenThePublishedGallery_whenTheCloudIsUnreachable_thenTheDoorDecidesLocallyAndARevocationReachesIt()
            throws Exception {
        Gallery published = publisher().publish(DOOR).orElseThrow();
        assertThat(published.badges()).containsOnlyKeys("B-OFF-1");
        resync();

        // The cloud goes silent: the first visit misses its deadline, and the door falls back to itself.
        cloudDown.set(true);
        camera.show(VisitCamera.load(Lfw.photo("Aaron_Pena", 1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> site.door().doorStatus().offlineMode());
        Thread.sleep(800);

        relay.clear();
        camera.show(VisitCamera.load(Lfw.photo("Colin_Powell", 2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> offlineDecisions().stream()
                .anyMatch(a -> "GRANT".equals(a.details().get("result")) && "B-OFF-1".equals(a.badgeId())));
        await().atMost(Duration.ofSeconds(3)).until(() -> relay.size() >= 2);
        assertThat(relay).containsExactly(DigitalState.HIGH, DigitalState.LOW);

        // Revoked in the registry: the next gallery no longer carries the badge, and the door denies offline.
        site.admin().revoke("B-OFF-1", "ops-test");
        assertThat(publisher().publish(DOOR).orElseThrow().badges()).isEmpty();
        resync();
        Thread.sleep(800);
        relay.clear();
        long grantsBefore = offline("GRANT");
        long deniesBefore = offline("DENY");
        camera.show(VisitCamera.load(Lfw.photo("Colin_Powell", 3)));
        await().atMost(Duration.ofSeconds(20)).until(() -> offline("DENY") > deniesBefore);
        Thread.sleep(500);
        assertThat(relay).isEmpty();
        assertThat(offline("GRANT")).isEqualTo(grantsBefore);
    }

    @Test
    void givenTheDoorsProvisioningBundle_whenItsGalleryIsPublished_thenTheBundlesKeyDecryptsIt() throws Exception {
        DoorBundle bundle = site.stack().existingDoor(DOOR).orElseThrow();
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(bundle.properties())) {
            props.load(r);
        }
        String key = props.getProperty("offline.galleryKeyBase64");
        assertThat(key).isEqualTo(site.stack().galleryKeys().keyBase64(DOOR));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle.properties())))
                .isEqualTo("rw-------");

        publisher().publish(DOOR).orElseThrow();

        byte[] file = site.cloud().clients().s3().getObjectAsBytes(b -> b.bucket(site.cloud().config().bucket())
                .key(GalleryPublisher.objectKey(DOOR))).asByteArray();
        Gallery opened = GalleryCodec.decrypt(file, Base64.getDecoder().decode(key), DOOR);
        assertThat(opened.doorId()).isEqualTo(DOOR);
    }
}

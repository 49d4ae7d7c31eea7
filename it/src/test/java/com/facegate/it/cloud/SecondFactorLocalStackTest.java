package com.facegate.it.cloud;

import static com.facegate.it.cloud.CloudFixtures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.access.AccessDecisionHandler;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.FactorAdmin;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.CaptureMetadata;
import com.facegate.protocol.Decision;
import com.facegate.protocol.PinSeal;
import com.facegate.protocol.Reasons;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Second factors with real LFW faces through the local stack (S3, the Rekognition-compatible endpoint on the ONNX
 * engine, the IoT endpoint, all over TLS) and the real access handler: a card names the badge and the face must be
 * that badge's (1:1), and with no card the face is searched 1:N and then the PIN is checked.
 */
class SecondFactorLocalStackTest {
    static final String DOOR = "server-room";
    static final String ADAM_CARD = "100200300";
    static final char[] ADAM_PIN = "530817".toCharArray();

    @TempDir
    static Path dir;
    static CloudStack cloud;
    static AccessDecisionHandler access;
    static BadgeAdmin admin;
    static FactorAdmin factors;
    static KeyPair pinKey;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        pinKey = rsa.generateKeyPair();
        Path pem = dir.resolve("pin-key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pinKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        cloud = CloudStackFixture.start(s -> s.config(c -> c.pinKey(pem.toString())));
        access = cloud.access();
        admin = cloud.admin();
        factors = new FactorAdmin(cloud.config(), cloud.clients(), Clock.systemUTC());
        cloud.enroll("B-ADAM", photo("Adam_Sandler", 1));
        cloud.enroll("B-ADEL", photo("Adel_Al-Jubeir", 1));
        cloud.awaitEnrolled("B-ADAM", "B-ADEL");
        factors.addCard("B-ADAM", ADAM_CARD, "test-admin");
        factors.setPin("B-ADAM", ADAM_PIN.clone(), "test-admin");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
    }

    static void mode(DoorMode mode) {
        admin.putDoor(new Door(DOOR, "Server room", "Europe/Madrid", List.of("staff"), List.of())
                .withModes(mode, List.of()));
    }

    static Decision visit(byte[] image, String card, char[] pin) {
        CaptureKey k = new CaptureKey(DOOR, CaptureKey.newCaptureId(Instant.now()));
        Map<String, String> meta = new HashMap<>();
        if (card != null) {
            meta.put(CaptureMetadata.CARD, card);
        }
        if (pin != null) {
            meta.put(CaptureMetadata.PIN_SEALED, PinSeal.seal(pinKey.getPublic(), DOOR, k.captureId(), pin.clone(),
                    Instant.now()));
        }
        return cloud.decided(access, cloud.upload(k, image, meta));
    }

    static AuditEvent record(Decision d) {
        return admin.queryAudit(DOOR, null, Instant.now().minusSeconds(300), Instant.now().plusSeconds(60)).stream()
                .map(AuditRecord::event).filter(e -> e.type() == AuditEvent.Type.DECISION
                        && d.captureId().equals(e.captureId())).findFirst().orElseThrow();
    }

    /** A camera frame with nobody in it. */
    static byte[] emptyFrame() throws Exception {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(120, 124, 118));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void cardAndFaceGrantsTheRightFaceAndRefusesAnotherEnrolledPersonsFace() {
        mode(DoorMode.CARD_AND_FACE);
        Decision genuine = visit(photo("Adam_Sandler", 3), ADAM_CARD, null);
        assertThat(genuine.isGrant()).as(genuine.reason()).isTrue();
        assertThat(genuine.badgeId()).isEqualTo("B-ADAM");
        assertThat(genuine.similarity()).isGreaterThanOrEqualTo(99.0);
        assertThat(record(genuine).details()).containsEntry("presented", "card,face")
                .containsEntry("mode", "CARD_AND_FACE");
        System.out.printf("FIGURE 1:1 genuine similarity %.2f%n", genuine.similarity());

        // Adel's own enrollment photo with Adam's card: surely Adel's face, surely not Adam's.
        Decision impostor = visit(photo("Adel_Al-Jubeir", 1), ADAM_CARD, null);
        assertThat(impostor.isGrant()).isFalse();
        assertThat(impostor.reason()).isEqualTo(Reasons.FACE_CARD_MISMATCH);
        assertThat(impostor.badgeId()).isEqualTo("B-ADAM");
        assertThat(record(impostor).details()).containsEntry("failed", "face").containsEntry("faceBadge", "B-ADEL");
    }

    @Test
    void aCardAloneOrAFaceAloneIsDeniedNamingTheMissingFactor() throws Exception {
        mode(DoorMode.CARD_AND_FACE);
        assertThat(visit(photo("Adam_Sandler", 3), null, null).reason()).isEqualTo(Reasons.CARD_REQUIRED);
        Decision cardOnly = visit(emptyFrame(), ADAM_CARD, null);
        assertThat(cardOnly.reason()).isEqualTo(Reasons.FACE_REQUIRED);
        assertThat(record(cardOnly).details()).containsEntry("failed", "face").containsEntry("presented", "card");
    }

    @Test
    void faceAndPinSearchesTheFaceThenChecksThatBadgesPin() {
        mode(DoorMode.FACE_AND_PIN);
        assertThat(visit(photo("Adam_Sandler", 3), null, null).reason()).isEqualTo(Reasons.PIN_REQUIRED);
        assertThat(visit(photo("Adam_Sandler", 3), null, "000000".toCharArray()).reason())
                .isEqualTo(Reasons.WRONG_PIN);
        Decision d = visit(photo("Adam_Sandler", 3), null, ADAM_PIN);
        assertThat(d.isGrant()).as(d.reason()).isTrue();
        assertThat(d.badgeId()).isEqualTo("B-ADAM");
        assertThat(record(d).details()).containsEntry("presented", "face,pin");
    }
}

package com.facegate.it.cloud;

import static com.facegate.it.cloud.CloudFixtures.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.scale.DoorThresholds;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.Decision;
import com.facegate.protocol.Reasons;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;

/**
 * Per-door operating points and door groups through the access handler, against the local stack (S3, the
 * Rekognition-compatible endpoint on the ONNX engine, IoT publish, all over TLS), with real LFW faces. The probes are
 * chosen by measuring them with SearchFacesByImage on the same endpoint, never by a hard-coded score.
 */
class DoorThresholdsLocalStackTest {
    /** Both allow staff; the strict one holds a 1e-6 stranger-accept target, the lax one 1e-2. */
    static final String STRICT = "strict-door";
    static final String LAX = "lax-door";
    /** Allows the lab group only, at the lax target. */
    static final String LAB = "lab-door";
    /** Allows the lab group only (one face), at the strict door's target: fewer people, lower threshold. */
    static final String LAB_OFFICE = "lab-office";
    static final String COLIN = "Colin_Powell";
    /**
     * Probes are taken this far inside a threshold, so rounding of the similarity cannot decide the test (a float
     * score near 99 is exact to ~1e-5). It must stay small: above 99 the score scale is compressed (cosine 0.48 to 1
     * maps onto 99 to 100), so all of Colin's genuine photos score 99.1 to 99.8 against his first, and a margin of
     * 0.3 left no photo between the strict threshold (99.42) and anything below it.
     */
    static final double MARGIN = 0.02;

    static CloudStack cloud;
    static CloudClients clients;
    static CloudConfig config;
    static Map<String, DoorThresholds.Applied> applied;

    @BeforeAll
    static void start() throws Exception {
        // Engine scores, so targets become thresholds. Twins may hold badges: no duplicate check across badges.
        cloud = CloudStackFixture.start(s -> s.config(c -> c.similarity("engine").falseAcceptTarget(1e-3)
                .duplicateThreshold(100f)));
        clients = cloud.clients();
        config = cloud.config();
        BadgeAdmin admin = cloud.admin();
        admin.putDoor(new Door(STRICT, "Server room", "UTC", List.of("staff"), List.of(), 1e-6));
        admin.putDoor(new Door(LAX, "Canteen", "UTC", List.of("staff"), List.of(), 1e-2));
        admin.putDoor(new Door(LAB, "Lab", "UTC", List.of("lab"), List.of(), 1e-2));
        admin.putDoor(new Door(LAB_OFFICE, "Lab office", "UTC", List.of("lab"), List.of(), 1e-6));
        enroll("B-COLIN", "staff", photo(COLIN, 1));
        enroll("B-HUGO", "staff", photo("Hugo_Chavez", 1));
        // Colin's twin, as far as the face goes: another LFW photo of him under a badge of the lab group only.
        enroll("B-TWIN", "lab", photo(COLIN, 2));
        cloud.awaitEnrolled("B-COLIN", "B-HUGO", "B-TWIN");
        Registry registry = new Registry(clients.s3(), cloud.bucket(), Clock.systemUTC(), Duration.ZERO);
        applied = DoorThresholds.of(config, registry, Clock.systemUTC()).applied(List.of(
                registry.door(STRICT).orElseThrow(), registry.door(LAX).orElseThrow(),
                registry.door(LAB).orElseThrow(), registry.door(LAB_OFFICE).orElseThrow()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
    }

    static void enroll(String badge, String group, byte[] photo) {
        cloud.enroll(badge, List.of(group), CloudStack.UNTIL, photo);
    }

    static Decision visit(String door, byte[] image) {
        return cloud.visit(door, image);
    }

    /** Each enrolled badge's similarity to the photo, measured on the endpoint the handler uses (none: no face). */
    static Map<String, Double> measure(byte[] image) {
        Map<String, Double> by = new HashMap<>();
        try {
            for (FaceMatch m : clients.rekognition().searchFacesByImage(b -> b.collectionId(config.collectionId())
                    .image(i -> i.bytes(SdkBytes.fromByteArray(image))).maxFaces(10).faceMatchThreshold(0f))
                    .faceMatches()) {
                by.merge(m.face().externalImageId(), (double) m.similarity(), Math::max);
            }
        } catch (InvalidParameterException e) {
            // no face in this photo: not a probe
        }
        return by;
    }

    /** Colin's photos from the third on, in file order, with their similarity to each badge. */
    static Optional<byte[]> firstColinProbe(java.util.function.Predicate<Map<String, Double>> wanted) {
        for (int n = 3; Files.isRegularFile(CloudFixtures.lfw().resolve(COLIN).resolve(
                String.format("%s_%04d.jpg", COLIN, n))); n++) {
            byte[] p = photo(COLIN, n);
            if (wanted.test(measure(p))) {
                System.out.printf("FIGURE probe %s_%04d: %s%n", COLIN, n, measure(p));
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Test
    void theStricterTargetRaisesTheThresholdInForce() {
        double strict = applied.get(STRICT).threshold();
        double lax = applied.get(LAX).threshold();
        System.out.printf("FIGURE thresholds in force: %s %.3f, %s %.3f (2 faces each)%n", STRICT, strict, LAX, lax);
        assertThat(applied.get(STRICT).faces()).isEqualTo(2);
        assertThat(applied.get(LAB).faces()).as("the lab allows only the twin").isEqualTo(1);
        assertThat(strict).isGreaterThan(lax + 2 * MARGIN);
        // The same target against fewer faces needs a lower threshold: per-pair FAR 1e-6 instead of 5e-7.
        double office = applied.get(LAB_OFFICE).threshold();
        System.out.printf("FIGURE same target 1e-6: %s %.3f (%d face), %s %.3f (%d faces)%n", LAB_OFFICE, office,
                applied.get(LAB_OFFICE).faces(), STRICT, strict, applied.get(STRICT).faces());
        assertThat(applied.get(LAB_OFFICE).faces()).isEqualTo(1);
        assertThat(strict).isGreaterThan(office + 2 * MARGIN);
    }

    @Test
    void atTheSameTargetTheDoorWithFewerPeopleGrantsAProbeTheBiggerDoorDenies() {
        double strict = applied.get(STRICT).threshold();
        double office = applied.get(LAB_OFFICE).threshold();
        // Scores like the twin (the lab office's one face) between the two thresholds, and below the strict
        // door's threshold for B-COLIN too, so the staff door sees nobody above its threshold.
        byte[] probe = firstColinProbe(s -> s.getOrDefault("B-TWIN", 0.0) > office + MARGIN
                && s.getOrDefault("B-TWIN", 100.0) < strict - MARGIN
                && s.getOrDefault("B-COLIN", 100.0) < strict - MARGIN).orElseThrow(() -> new AssertionError(
                "no photo of " + COLIN + " scores between " + office + " and " + strict));
        Decision atOffice = visit(LAB_OFFICE, probe);
        assertThat(atOffice.isGrant()).as("reason " + atOffice.reason()).isTrue();
        assertThat(atOffice.badgeId()).isEqualTo("B-TWIN");
        assertThat(atOffice.similarity()).isBetween(office, strict);
        Decision atStrict = visit(STRICT, probe);
        assertThat(atStrict.isGrant()).isFalse();
        assertThat(atStrict.reason()).isEqualTo(Reasons.NO_MATCH);
    }

    @Test
    void aProbeBetweenTheTwoThresholdsIsGrantedAtTheLaxDoorAndDeniedAtTheStrictOne() {
        double strict = applied.get(STRICT).threshold();
        double lax = applied.get(LAX).threshold();
        byte[] between = firstColinProbe(s -> s.getOrDefault("B-COLIN", 0.0) > lax + MARGIN
                && s.getOrDefault("B-COLIN", 100.0) < strict - MARGIN).orElseThrow(() -> new AssertionError(
                "no photo of " + COLIN + " scores between " + lax + " and " + strict));
        Decision atLax = visit(LAX, between);
        assertThat(atLax.isGrant()).as("reason " + atLax.reason()).isTrue();
        assertThat(atLax.badgeId()).isEqualTo("B-COLIN");
        assertThat(atLax.similarity()).isBetween(lax, strict);
        assertThat(visit(STRICT, between).reason()).isEqualTo(Reasons.NO_MATCH);
        // The strict door is not simply shut: a probe above its threshold opens it.
        byte[] above = firstColinProbe(s -> s.getOrDefault("B-COLIN", 0.0) > strict + MARGIN).orElseThrow();
        assertThat(visit(STRICT, above).isGrant()).isTrue();
    }

    @Test
    void aDoorComparesTheFaceOnlyWithThePeopleItAllows() {
        double lab = applied.get(LAB).threshold();
        // A photo that looks more like B-COLIN (staff, not allowed in the lab) than like his lab twin, both above
        // the lab's threshold: a search keeping only the best face would deny DOOR_NOT_ALLOWED.
        byte[] probe = firstColinProbe(s -> s.getOrDefault("B-TWIN", 0.0) > lab + MARGIN
                && s.getOrDefault("B-COLIN", 0.0) > s.get("B-TWIN") + MARGIN).orElseThrow();
        Decision atLab = visit(LAB, probe);
        assertThat(atLab.isGrant()).as("reason " + atLab.reason()).isTrue();
        assertThat(atLab.badgeId()).isEqualTo("B-TWIN");
        Decision atLax = visit(LAX, probe);
        assertThat(atLax.badgeId()).as("at a staff door the same face is B-COLIN").isEqualTo("B-COLIN");
        // Hugo is enrolled but not in the lab group: the lab finds nobody of its own and says whom it saw.
        Decision hugo = visit(LAB, photo("Hugo_Chavez", 2));
        assertThat(hugo.isGrant()).isFalse();
        assertThat(hugo.reason()).isEqualTo(Reasons.DOOR_NOT_ALLOWED);
        assertThat(hugo.badgeId()).isEqualTo("B-HUGO");
    }
}

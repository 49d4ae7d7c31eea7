package com.facegate.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.facegate.cloud.TestData;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.registry.Badge;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.cloud.registry.Registry;
import com.facegate.engine.FaceEngine;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scheduled gallery function against a real S3 wire endpoint, the real engine and real faces: only badges
 * allowed at the door right now, with their enrolled photos' templates, land in the door's encrypted gallery; a
 * door without a key gets none; one door's broken key fails the round loudly without holding back the others.
 */
class GalleryPublishHandlerTest {
    private static final String BUCKET = "facegate-gallery-test";
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    static Path dir;
    static TestS3 s3;
    static OnnxFaceEngine engine;
    static List<Path> alice;
    static List<Path> bob;
    static List<Path> carol;
    static final byte[] KEY_A = randomKey();

    @BeforeAll
    static void setUp() throws Exception {
        Path lfw = TestData.facesDir();
        List<Path> people = peopleWithPhotos(lfw, 3);
        alice = photos(people.get(0));
        bob = photos(people.get(1));
        carol = photos(people.get(2));
        s3 = TestS3.start(dir, BUCKET);
        engine = OnnxFaceEngine.load();
        Registry registry = new Registry(s3.client(), BUCKET, CLOCK, Duration.ZERO);
        registry.putDoor(new Door("door-a", "Lobby", "UTC", List.of("staff"), List.of()));
        registry.putDoor(new Door("door-b", "Store", "UTC", List.of("staff"), List.of()));
        Instant now = CLOCK.instant();
        Instant from = now.minus(Duration.ofDays(1));
        Instant until = now.plus(Duration.ofDays(30));
        registry.putBadge(new Badge("B-ALICE", "n", List.of("staff"), from, until, Badge.Status.ACTIVE, null));
        registry.putBadge(new Badge("B-BOB", "n", List.of("staff"), from, until, Badge.Status.REVOKED, null));
        registry.putBadge(new Badge("B-CAROL", "n", List.of("visitors"), from, until, Badge.Status.ACTIVE, null));
        enroll(registry, "B-ALICE", alice.get(0), PhotoEnrollment.Status.ENROLLED);
        enroll(registry, "B-ALICE", alice.get(1), PhotoEnrollment.Status.ENROLLED);
        enroll(registry, "B-ALICE", carol.get(2), PhotoEnrollment.Status.REJECTED);
        enroll(registry, "B-BOB", bob.get(0), PhotoEnrollment.Status.ENROLLED);
        enroll(registry, "B-CAROL", carol.get(0), PhotoEnrollment.Status.ENROLLED);
        put(S3DoorKeys.objectKey("door-a"), Base64.getEncoder().encodeToString(KEY_A));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void givenAScheduledEvent_whenTheFunctionRuns_thenTheDoorGetsOnlyItsAllowedBadgesEncryptedForIt() throws Exception {
        GalleryPublisher.Outcome outcome = handler().handleRequest(scheduledEvent(), null);

        assertThat(outcome.published()).containsExactly("door-a");
        assertThat(outcome.failed()).isEmpty();
        byte[] file = s3.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(GalleryPublisher.objectKey("door-a")))
                .asByteArray();
        Gallery g = GalleryCodec.decrypt(file, KEY_A, "door-a");
        // Revoked Bob, visitor Carol and Alice's rejected photo stay out.
        assertThat(g.badges()).containsOnlyKeys("B-ALICE");
        assertThat(g.badges().get("B-ALICE")).hasSize(2);
        // The templates are Alice's face: a third photo of her is closer to them than Bob's and Carol's faces are.
        float[] probe = embed(alice.get(2));
        double self = best(g.badges().get("B-ALICE"), probe);
        assertThat(self).isGreaterThan(best(g.badges().get("B-ALICE"), embed(bob.get(1))));
        assertThat(self).isGreaterThan(best(g.badges().get("B-ALICE"), embed(carol.get(1))));
        // Bound to its door and key: neither another door id nor another key opens it.
        assertThatThrownBy(() -> GalleryCodec.decrypt(file, KEY_A, "door-b"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> GalleryCodec.decrypt(file, randomKey(), "door-a"))
                .isInstanceOf(GeneralSecurityException.class);
        // A door with no key has no gallery at all.
        assertThat(s3.client().listObjectsV2(b -> b.bucket(BUCKET).prefix(GalleryPublisher.PREFIX)).contents())
                .extracting(o -> o.key()).containsExactly(GalleryPublisher.objectKey("door-a"));
    }

    @Test
    void givenOneDoorWithABrokenKey_whenTheFunctionRuns_thenTheOthersArePublishedAndTheRoundFails() {
        Registry registry = new Registry(s3.client(), BUCKET, CLOCK, Duration.ZERO);
        registry.putDoor(new Door("door-c", "Lab", "UTC", List.of("staff"), List.of()));
        put(S3DoorKeys.objectKey("door-c"), "not a key!");
        try {
            s3.client().deleteObject(b -> b.bucket(BUCKET).key(GalleryPublisher.objectKey("door-a")));
            assertThatThrownBy(() -> handler().handleRequest(scheduledEvent(), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("door-c")
                    .hasMessageNotContaining("not a key");
            assertThat(s3.client().listObjectsV2(b -> b.bucket(BUCKET).prefix(GalleryPublisher.PREFIX)).contents())
                    .extracting(o -> o.key()).containsExactly(GalleryPublisher.objectKey("door-a"));
        } finally {
            registry.delete(Registry.doorKey("door-c"));
            s3.client().deleteObject(b -> b.bucket(BUCKET).key(S3DoorKeys.objectKey("door-c")));
        }
    }

    @Test
    void aDoorThatAsksForASecondFactorAtAnyTimeGetsAnEmptyGalleryNotAFaceOnlyOne() throws Exception {
        Registry registry = new Registry(s3.client(), BUCKET, CLOCK, Duration.ZERO);
        // Face alone all day except one night hour: offline, the door knows faces only, so it must open for nobody.
        registry.putDoor(new Door("door-d", "Server room", "UTC", List.of("staff"), List.of())
                .withModes(DoorMode.FACE, List.of(new ModeWindow(DoorMode.CARD_AND_FACE, EnumSet.of(DayOfWeek.SUNDAY),
                        LocalTime.of(3, 0), LocalTime.of(4, 0)))));
        byte[] keyD = randomKey();
        put(S3DoorKeys.objectKey("door-d"), Base64.getEncoder().encodeToString(keyD));
        try {
            assertThat(handler().handleRequest(scheduledEvent(), null).published()).contains("door-a", "door-d");
            Gallery d = GalleryCodec.decrypt(s3.client().getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key(GalleryPublisher.objectKey("door-d"))).asByteArray(), keyD, "door-d");
            assertThat(d.badges()).isEmpty();
            Gallery a = GalleryCodec.decrypt(s3.client().getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key(GalleryPublisher.objectKey("door-a"))).asByteArray(), KEY_A, "door-a");
            assertThat(a.badges()).containsOnlyKeys("B-ALICE");
        } finally {
            registry.delete(Registry.doorKey("door-d"));
            s3.client().deleteObject(b -> b.bucket(BUCKET).key(S3DoorKeys.objectKey("door-d")));
            s3.client().deleteObject(b -> b.bucket(BUCKET).key(GalleryPublisher.objectKey("door-d")));
        }
    }

    @Test
    void storedKeysOfTheWrongSizeAreRefusedNotUsed() {
        put(S3DoorKeys.objectKey("door-short"), Base64.getEncoder().encodeToString(new byte[16]));
        S3DoorKeys keys = new S3DoorKeys(s3.client(), BUCKET);
        assertThatThrownBy(() -> keys.existing("door-short")).hasMessageContaining("16 bytes, not 32");
        assertThat(keys.existing("door-none")).isEmpty();
        assertThat(keys.existing("door-a")).hasValue(KEY_A);
    }

    private static GalleryPublishHandler handler() {
        S3Client c = s3.client();
        return new GalleryPublishHandler(new GalleryPublisher(c, BUCKET, engine, new S3DoorKeys(c, BUCKET), CLOCK));
    }

    /** The event EventBridge sends, deserialized as the Lambda Java runtime does. */
    private static ScheduledEvent scheduledEvent() throws Exception {
        try (InputStream in = GalleryPublishHandlerTest.class.getResourceAsStream("/scheduled-event.json")) {
            return LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                    GalleryPublishHandlerTest.class.getClassLoader())
                    .fromJson(in);
        }
    }

    private static void enroll(Registry registry, String badge, Path photo, PhotoEnrollment.Status status)
            throws Exception {
        String key = "enroll/" + badge + "/" + photo.getFileName();
        s3.client().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(photo));
        registry.putEnrollment(new PhotoEnrollment(badge, key, null, status, List.of(), null, null, CLOCK.instant(),
                null));
    }

    private static void put(String key, String text) {
        s3.client().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text));
    }

    private static float[] embed(Path photo) throws Exception {
        return engine.analyze(Files.readAllBytes(photo), FaceEngine.Detail.DEFAULT).get(0).embedding();
    }

    private static double best(List<float[]> templates, float[] probe) {
        double best = -1;
        for (float[] t : templates) {
            double dot = 0;
            for (int i = 0; i < t.length; i++) {
                dot += t[i] * probe[i];
            }
            best = Math.max(best, dot);
        }
        return best;
    }

    private static List<Path> peopleWithPhotos(Path lfw, int min) throws Exception {
        try (Stream<Path> people = Files.list(lfw).sorted()) {
            return people.filter(Files::isDirectory).filter(p -> photos(p).size() >= min).limit(3).toList();
        }
    }

    private static List<Path> photos(Path person) {
        try (Stream<Path> s = Files.list(person).sorted()) {
            return s.filter(p -> p.toString().endsWith(".jpg")).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }
}

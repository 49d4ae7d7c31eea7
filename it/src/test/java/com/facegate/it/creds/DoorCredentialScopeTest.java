package com.facegate.it.creds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.enroll.EnrollmentPhoto;
import com.facegate.cloud.enroll.EnrollmentReceipt;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.Door;
import com.facegate.device.upload.IotCredentialsProvider;
import com.facegate.device.upload.PemTls;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.gallery.GalleryPublisher;
import com.facegate.local.deploy.CloudDeployment;
import com.facegate.local.doors.DoorBundle;
import com.facegate.local.stack.LocalClients;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Finding 1 of issue 10: a door's certificate (which sits on a Pi in a public hallway) must get no more than the
 * role alias's role allows. The door's credentials come from the credentials endpoint exactly as the door daemon
 * gets them (its {@link IotCredentialsProvider}, mutual TLS with its certificate); every attack of the review is
 * then tried with real SDK clients against the real local endpoints, and must be refused with the service's
 * own error, while the door's own work still goes through.
 */
class DoorCredentialScopeTest {
    static final String FRONT = "front-door-01";
    static final String BACK = "back-door-02";
    static final MovableClock CLOCK = new MovableClock();

    @TempDir
    static Path dir;
    static OnnxFaceEngine engine;
    static LocalStack stack;
    static CloudDeployment cloud;
    static AwsCredentialsProvider frontDoor;
    static S3Client doorS3;
    static IotDataPlaneClient doorIot;
    static RekognitionClient doorRekognition;
    static String enrollmentPhotoKey;
    static byte[] photo;

    @BeforeAll
    static void start() throws Exception {
        String faces = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        assertThat(faces).as("labelled faces (-Dfacegate.faces)").isNotNull();
        Path lfw = Path.of(faces, "lfw");
        photo = Files.readAllBytes(lfw.resolve("Colin_Powell/Colin_Powell_0001.jpg"));
        engine = OnnxFaceEngine.load();
        stack = LocalStack.builder().dataDir(dir).faceEngine(engine).anyFreePorts().mqttPersistent(false)
                .clock(CLOCK).build().start();
        cloud = CloudDeployment.deploy(stack);
        DoorBundle front = stack.provisionDoor(FRONT);
        stack.provisionDoor(BACK);
        cloud.admin().putDoor(new Door(FRONT, "Front", "UTC", List.of("staff"), List.of()));
        cloud.admin().putDoor(new Door(BACK, "Back", "UTC", List.of("staff"), List.of()));
        EnrollmentReceipt receipt = cloud.admin().enroll(new EnrollmentRequest("B-STAFF", "Staff Member",
                List.of("staff"), Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2099-01-01T00:00:00Z"),
                new Consent(Instant.now(), "privacy-notice-v3", "facilities-admin")),
                List.of(new EnrollmentPhoto("photo.jpg", photo)));
        enrollmentPhotoKey = receipt.photoKeys().get(0);
        assertThat(stack.awaitHandlersIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(cloud.galleries().orElseThrow().publishAll().published()).contains(FRONT, BACK);

        frontDoor = IotCredentialsProvider.builder().endpoint(stack.iotCredentialsEndpoint())
                .roleAlias(stack.doorRoleAlias()).thingName(FRONT)
                .sslContext(PemTls.clientContext(front.certificate(), front.privateKey(), stack.caCertificate()))
                .build();
        doorS3 = s3(frontDoor);
        doorIot = iot(frontDoor);
        doorRekognition = RekognitionClient.builder().endpointOverride(stack.rekognitionEndpoint())
                .region(Region.of(stack.region())).credentialsProvider(frontDoor)
                .httpClient(LocalClients.httpClient(stack.caCertificate())).build();
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theDoorGetsItsOwnTemporaryCredentialsNotTheAdmins() {
        AwsSessionCredentials c = (AwsSessionCredentials) frontDoor.resolveCredentials();
        assertThat(c.accessKeyId()).startsWith("ASIA").isNotEqualTo(stack.credentials().accessKeyId());
        assertThat(c.secretAccessKey()).isNotEqualTo(stack.credentials().secretAccessKey());
        assertThat(c.sessionToken()).isNotBlank();
        assertThat(c.expirationTime()).hasValueSatisfying(t -> assertThat(t)
                .isBetween(Instant.now().plus(Duration.ofMinutes(55)), Instant.now().plus(Duration.ofMinutes(61))));
    }

    @Test
    void remoteUnlockOfAnotherDoorIsRefused() {
        for (String door : List.of(BACK, FRONT)) {
            assertRefused(() -> doorIot.publish(b -> b.topic(Topics.commands(door)).qos(1)
                    .payload(SdkBytes.fromUtf8String("{\"type\":\"UNLOCK\",\"doorId\":\"" + door + "\"}"))),
                    403, "ForbiddenException");
        }
    }

    @Test
    void aForgedDecisionIsRefusedForEveryDoor() {
        for (String door : List.of(FRONT, BACK)) {
            assertRefused(() -> doorIot.publish(b -> b.topic(Topics.decision(door)).qos(1)
                    .payload(SdkBytes.fromUtf8String("{\"result\":\"GRANT\",\"doorId\":\"" + door + "\"}"))),
                    403, "ForbiddenException");
        }
    }

    @Test
    void enrollmentPhotosCannotBeListedOrRead() {
        String bucket = stack.bucket();
        assertRefused(() -> doorS3.listObjectsV2(b -> b.bucket(bucket).prefix("enroll/")), 403, "AccessDenied");
        assertRefused(() -> doorS3.listObjectsV2(b -> b.bucket(bucket)), 403, "AccessDenied");
        assertRefused(() -> doorS3.getObjectAsBytes(b -> b.bucket(bucket).key(enrollmentPhotoKey)), 403,
                "AccessDenied");
        assertRefused(() -> doorS3.headObject(b -> b.bucket(bucket).key(enrollmentPhotoKey)), 403, null);
        assertRefused(() -> doorS3.getObjectAsBytes(b -> b.bucket(bucket).key("registry/badges/B-STAFF.json")), 403,
                "AccessDenied");
    }

    @Test
    void theRegistryCannotBeWritten() {
        String bucket = stack.bucket();
        for (String key : List.of("registry/badges/B-EVIL.json", "registry/enrollment/B-EVIL.json",
                "audit/2026/01/01/forged.jsonl", "decisions/forged.json", "galleries/" + BACK + ".bin")) {
            assertRefused(() -> doorS3.putObject(b -> b.bucket(bucket).key(key),
                    RequestBody.fromString("{\"badgeId\":\"B-EVIL\"}")), 403, "AccessDenied");
        }
        assertRefused(() -> doorS3.deleteObject(b -> b.bucket(bucket).key("registry/badges/B-STAFF.json")), 403,
                "AccessDenied");
        assertThat(cloud.admin().listBadges()).extracting(badge -> badge.badgeId()).containsExactly("B-STAFF");
    }

    @Test
    void enrollingItsOwnFaceIsRefused() {
        String bucket = stack.bucket();
        String collection = cloud.config().collectionId();
        assertRefused(() -> doorS3.putObject(b -> b.bucket(bucket).key("enroll/B-EVIL/photo.jpg"),
                RequestBody.fromBytes(photo)), 403, "AccessDenied");
        Image image = Image.builder().bytes(SdkBytes.fromByteArray(photo)).build();
        assertRefused(() -> doorRekognition.indexFaces(b -> b.collectionId(collection).image(image)
                .externalImageId("B-EVIL")), 400, "AccessDeniedException");
        assertRefused(() -> doorRekognition.createUser(b -> b.collectionId(collection).userId("B-EVIL")), 400,
                "AccessDeniedException");
        assertRefused(() -> doorRekognition.associateFaces(b -> b.collectionId(collection).userId("B-STAFF")
                .faceIds("11111111-1111-1111-1111-111111111111")), 400, "AccessDeniedException");
        assertRefused(() -> doorRekognition.searchFacesByImage(b -> b.collectionId(collection).image(image)), 400,
                "AccessDeniedException");
        assertRefused(() -> doorRekognition.detectFaces(b -> b.image(image)), 400, "AccessDeniedException");
        assertThat(stack.rekognitionClient().listFaces(b -> b.collectionId(collection)).faces()).hasSize(1);
    }

    @Test
    void itsOwnCapturesGoInAndItsOwnGalleryComesOut() throws Exception {
        String bucket = stack.bucket();
        String key = "captures/" + FRONT + "/scope-test.jpg";
        doorS3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(photo));
        try (S3Client admin = stack.s3Client()) {
            assertThat(admin.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(photo);
            byte[] gallery = admin.getObjectAsBytes(b -> b.bucket(bucket).key(GalleryPublisher.objectKey(FRONT)))
                    .asByteArray();
            assertThat(doorS3.getObjectAsBytes(b -> b.bucket(bucket).key(GalleryPublisher.objectKey(FRONT)))
                    .asByteArray()).isEqualTo(gallery);
        }
        assertThat(stack.awaitHandlersIdle(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void anotherDoorsCapturesAndGalleryAreOutOfReach() {
        String bucket = stack.bucket();
        assertRefused(() -> doorS3.putObject(b -> b.bucket(bucket).key("captures/" + BACK + "/x.jpg"),
                RequestBody.fromBytes(photo)), 403, "AccessDenied");
        // A prefix trick: "front-door-01x" is not front-door-01's folder.
        assertRefused(() -> doorS3.putObject(b -> b.bucket(bucket).key("captures/" + FRONT + "x/x.jpg"),
                RequestBody.fromBytes(photo)), 403, "AccessDenied");
        assertRefused(() -> doorS3.getObjectAsBytes(b -> b.bucket(bucket).key(GalleryPublisher.objectKey(BACK))),
                403, "AccessDenied");
        // Reading back its own captures is not in the role either.
        assertRefused(() -> doorS3.listObjectsV2(b -> b.bucket(bucket).prefix("captures/" + FRONT + "/")), 403,
                "AccessDenied");
    }

    @Test
    void aTemporaryKeyWithoutItsTokenOrWithAnotherIsRefused() {
        AwsSessionCredentials c = (AwsSessionCredentials) frontDoor.resolveCredentials();
        String key = "captures/" + FRONT + "/token-test.jpg";
        try (S3Client noToken = s3(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())));
                S3Client otherToken = s3(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        c.accessKeyId(), c.secretAccessKey(), c.sessionToken() + "x")));
                IotDataPlaneClient otherTokenIot = iot(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        c.accessKeyId(), c.secretAccessKey(), "forged-token")))) {
            assertRefused(() -> noToken.putObject(b -> b.bucket(stack.bucket()).key(key),
                    RequestBody.fromBytes(photo)), 403, "InvalidAccessKeyId");
            assertRefused(() -> otherToken.putObject(b -> b.bucket(stack.bucket()).key(key),
                    RequestBody.fromBytes(photo)), 400, "InvalidToken");
            assertRefused(() -> otherTokenIot.publish(b -> b.topic(Topics.commands(BACK))
                    .payload(SdkBytes.fromUtf8String("{}"))), 400, "UnrecognizedClientException");
        }
    }

    @Test
    void expiredTemporaryCredentialsAreRefused() {
        AwsSessionCredentials c = (AwsSessionCredentials) frontDoor.resolveCredentials();
        StaticCredentialsProvider held = StaticCredentialsProvider.create(c);
        String key = "captures/" + FRONT + "/after-expiry.jpg";
        try (S3Client s3 = s3(held); IotDataPlaneClient iot = iot(held)) {
            CLOCK.advance(Duration.ofMinutes(61));
            assertRefused(() -> s3.putObject(b -> b.bucket(stack.bucket()).key(key), RequestBody.fromBytes(photo)),
                    400, "ExpiredToken");
            assertRefused(() -> iot.publish(b -> b.topic(Topics.commands(FRONT))
                    .payload(SdkBytes.fromString("{}", StandardCharsets.UTF_8))), 400, "ExpiredTokenException");
            assertRefused(() -> doorRekognition.detectFaces(b -> b.image(Image.builder()
                    .bytes(SdkBytes.fromByteArray(photo)).build())), 400, "ExpiredTokenException");
        } finally {
            CLOCK.reset();
        }
        try (S3Client admin = stack.s3Client()) {
            assertRefused(() -> admin.headObject(b -> b.bucket(stack.bucket()).key(key)), 404, null);
        }
    }

    private static void assertRefused(Runnable call, int status, String errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
            if (errorCode != null) {
                assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(errorCode);
            }
        });
    }

    private static S3Client s3(AwsCredentialsProvider credentials) {
        return S3Client.builder().endpointOverride(stack.s3Endpoint()).region(Region.of(stack.region()))
                .forcePathStyle(true).credentialsProvider(credentials)
                .httpClient(LocalClients.httpClient(stack.caCertificate()))
                .overrideConfiguration(com.facegate.cloud.CloudClients.s3Overrides()).build();
    }

    private static IotDataPlaneClient iot(AwsCredentialsProvider credentials) {
        return IotDataPlaneClient.builder().endpointOverride(stack.iotDataEndpoint()).region(Region.of(stack.region()))
                .credentialsProvider(credentials).httpClient(LocalClients.httpClient(stack.caCertificate())).build();
    }
}

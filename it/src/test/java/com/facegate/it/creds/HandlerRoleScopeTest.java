package com.facegate.it.creds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.cloud.CloudClients;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.deploy.LocalEndpoints;
import com.facegate.local.stack.LocalRole;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.Image;

/**
 * Each cloud handler's own key, through the real SDK clients it runs with, can do what its role in
 * {@code cloud/template.yaml} allows and nothing the admin alone may (the access handler cannot write a badge or
 * send a door a command; the audit sink cannot read the audit trail back).
 */
class HandlerRoleScopeTest {
    static final String DOOR = "front-door-01";

    @TempDir
    static Path dir;
    static OnnxFaceEngine engine;
    static LocalStack stack;
    static final Map<LocalRole, CloudClients> roles = new EnumMap<>(LocalRole.class);
    static CloudClients admin;
    static String bucket;
    static Image face;

    @BeforeAll
    static void start() throws Exception {
        String faces = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        assertThat(faces).as("labelled faces (-Dfacegate.faces)").isNotNull();
        face = Image.builder().bytes(SdkBytes.fromByteArray(Files.readAllBytes(
                Path.of(faces, "lfw", "Colin_Powell", "Colin_Powell_0001.jpg")))).build();
        engine = OnnxFaceEngine.load();
        stack = LocalStack.builder().dataDir(dir).faceEngine(engine).anyFreePorts().mqttPersistent(false).build()
                .start();
        bucket = stack.bucket();
        LocalEndpoints endpoints = LocalEndpoints.of(stack);
        endpoints.write();
        admin = endpoints.clients();
        for (LocalRole role : LocalRole.values()) {
            roles.put(role, endpoints.clients(stack.roleCredentials(role)));
        }
        admin.rekognition().createCollection(b -> b.collectionId(stack.collectionId()));
        put(admin, "registry/badges/B-1.json", "{}");
        put(admin, "enroll/B-1/photo.jpg", "jpeg");
        put(admin, "enroll/B-1/replaced.jpg", "jpeg");
        put(admin, "captures/" + DOOR + "/c1.bin", "capture");
        put(admin, "audit/2026/01/01/a.jsonl", "{}");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void roleKeysAreDistinctOwnerOnlyAndNotTheAdmins() throws Exception {
        Set<String> keys = new java.util.HashSet<>();
        for (LocalRole role : LocalRole.values()) {
            assertThat(stack.roleCredentials(role).accessKeyId()).isNotEqualTo(stack.credentials().accessKeyId());
            keys.add(stack.roleCredentials(role).accessKeyId());
        }
        assertThat(keys).hasSize(LocalRole.values().length);
        assertThat(Files.getPosixFilePermissions(dir.resolve("role-credentials.properties")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void accessDecisionReadsCapturesAndRegistryWritesItsLedgerAndPublishesDecisionsOnly() {
        CloudClients c = roles.get(LocalRole.ACCESS_DECISION);
        get(c, "captures/" + DOOR + "/c1.bin");
        get(c, "registry/badges/B-1.json");
        put(c, "decisions/" + DOOR + "/c1.json", "{}");
        put(c, "audit/2026/01/01/b.jsonl", "{}");
        c.s3().deleteObject(b -> b.bucket(bucket).key("decisions/" + DOOR + "/c1.json"));
        c.s3().listObjectsV2(b -> b.bucket(bucket).prefix("registry/badges/"));
        c.iot().publish(b -> b.topic(Topics.decision(DOOR)).payload(SdkBytes.fromUtf8String("{}")));
        c.rekognition().detectFaces(b -> b.image(face));
        c.rekognition().searchFacesByImage(b -> b.collectionId(stack.collectionId()).image(face));

        s3Denied(() -> put(c, "registry/badges/B-EVIL.json", "{}"));
        s3Denied(() -> get(c, "enroll/B-1/photo.jpg"));
        s3Denied(() -> c.s3().listObjectsV2(b -> b.bucket(bucket).prefix("enroll/")));
        denied(() -> c.iot().publish(b -> b.topic(Topics.commands(DOOR)).payload(SdkBytes.fromUtf8String("{}"))),
                403, "ForbiddenException");
        denied(() -> c.rekognition().indexFaces(b -> b.collectionId(stack.collectionId()).image(face)), 400,
                "AccessDeniedException");
    }

    @Test
    void enrollmentIndexesAndReplacesPhotosButCannotWriteBadgesDeleteRecordsOrDeleteUsers() {
        CloudClients c = roles.get(LocalRole.ENROLLMENT);
        get(c, "enroll/B-1/photo.jpg");
        put(c, "registry/enrollment/B-1/photo.json", "{}");
        put(c, "registry/enrollment/B-1/first-face.claim", "{}");
        c.s3().deleteObject(b -> b.bucket(bucket).key("registry/enrollment/B-1/first-face.claim"));
        c.rekognition().createUser(b -> b.collectionId(stack.collectionId()).userId("B-ROLE"));
        // A better photo replaces a badge's worst (the photo cap): the worst photo goes, its record is rewritten.
        c.s3().deleteObject(b -> b.bucket(bucket).key("enroll/B-1/replaced.jpg"));

        s3Denied(() -> put(c, "registry/badges/B-EVIL.json", "{}"));
        s3Denied(() -> put(c, "enroll/B-EVIL/photo.jpg", "jpeg"));
        s3Denied(() -> c.s3().deleteObject(b -> b.bucket(bucket).key("registry/enrollment/B-1/photo.json")));
        s3Denied(() -> c.s3().deleteObject(b -> b.bucket(bucket).key("registry/badges/B-1.json")));
        s3Denied(() -> c.s3().deleteObject(b -> b.bucket(bucket).key("registry/doors/" + DOOR + ".json")));
        s3Denied(() -> get(c, "captures/" + DOOR + "/c1.bin"));
        denied(() -> c.rekognition().deleteUser(b -> b.collectionId(stack.collectionId()).userId("B-ROLE")), 400,
                "AccessDeniedException");
        denied(() -> c.rekognition().listFaces(b -> b.collectionId(stack.collectionId())), 400,
                "AccessDeniedException");
        denied(() -> c.iot().publish(b -> b.topic(Topics.decision(DOOR)).payload(SdkBytes.fromUtf8String("{}"))),
                403, "ForbiddenException");
    }

    @Test
    void auditSinkOnlyAppendsToTheAuditTrail() {
        CloudClients c = roles.get(LocalRole.AUDIT_SINK);
        put(c, "audit/2026/01/01/c.jsonl", "{}");
        s3Denied(() -> get(c, "audit/2026/01/01/a.jsonl"));
        s3Denied(() -> c.s3().listObjectsV2(b -> b.bucket(bucket).prefix("audit/")));
        s3Denied(() -> put(c, "registry/badges/B-EVIL.json", "{}"));
        denied(() -> c.rekognition().detectFaces(b -> b.image(face)), 400, "AccessDeniedException");
    }

    @Test
    void galleryReadsRegistryAndPhotosAndWritesGalleriesOnly() {
        CloudClients c = roles.get(LocalRole.GALLERY);
        get(c, "enroll/B-1/photo.jpg");
        c.s3().listObjectsV2(b -> b.bucket(bucket).prefix("registry/"));
        put(c, "galleries/" + DOOR + ".bin", "gallery");
        s3Denied(() -> put(c, "registry/badges/B-EVIL.json", "{}"));
        s3Denied(() -> get(c, "captures/" + DOOR + "/c1.bin"));
        s3Denied(() -> c.s3().listObjectsV2(b -> b.bucket(bucket).prefix("enroll/")));
    }

    @Test
    void theAdminKeepsItsPowers() {
        put(admin, "registry/badges/B-2.json", "{}");
        admin.iot().publish(b -> b.topic(Topics.commands(DOOR)).payload(SdkBytes.fromUtf8String("{}")));
        admin.rekognition().listFaces(b -> b.collectionId(stack.collectionId()));
    }

    private static void put(CloudClients c, String key, String body) {
        c.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    private static void get(CloudClients c, String key) {
        c.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key));
    }

    private static void s3Denied(Executable call) {
        denied(call, 403, "AccessDenied");
    }

    private static void denied(Executable call, int status, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
        });
    }
}

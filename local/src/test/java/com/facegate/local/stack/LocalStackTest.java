package com.facegate.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.aws.mqtt.DeviceSdkDoor;
import com.facegate.local.doors.DoorBundle;
import com.facegate.protocol.Topics;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ForbiddenException;
import software.amazon.awssdk.services.iotdataplane.model.IotDataPlaneException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The assembled stack on loopback: real SDK v2 clients, a real Device SDK door, HTTPS and mTLS throughout. */
class LocalStackTest {
    @TempDir
    static Path data;
    static LocalStack stack;
    static final BlockingQueue<String> audits = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().dataDir(data).anyFreePorts().mqttPersistent(false)
                .faceEngine(OnnxFaceEngine.load())
                .retryBackoff(Duration.ofMillis(20)).build().start();
        stack.onAudit((topic, payload) -> audits.add(topic + " " + new String(payload, StandardCharsets.UTF_8)));
        stack.onAudit((topic, payload) -> {
            if (topic.contains("/broken-sink-door/")) {
                throw new IllegalStateException("audit bucket unavailable");
            }
        });
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static DeviceSdkDoor connect(DoorBundle b) throws Exception {
        return DeviceSdkDoor.connect(stack.mqttHost(), stack.mqttPort(), b.doorId(), b.certificate(), b.privateKey(),
                b.caCertificate());
    }

    @Test
    void iotDataPublishReachesDoorOverMqtt() throws Exception {
        DoorBundle door = stack.provisionDoor("front-door-01");
        try (DeviceSdkDoor client = connect(door); IotDataPlaneClient iot = stack.iotDataClient()) {
            client.subscribe(Topics.decision("front-door-01")).get(5, TimeUnit.SECONDS);
            iot.publish(b -> b.topic(Topics.decision("front-door-01")).qos(1)
                    .payload(SdkBytes.fromUtf8String("{\"decision\":\"GRANT\"}")));
            DeviceSdkDoor.Received got = client.poll(5000);
            assertThat(got).isNotNull();
            assertThat(got.topic()).isEqualTo("facegate/doors/front-door-01/decision");
            assertThat(got.payload()).isEqualTo("{\"decision\":\"GRANT\"}");
        }
    }

    @Test
    void iotDataRefusesDoorOwnedTopicsAndBadSignatures() {
        try (IotDataPlaneClient iot = stack.iotDataClient()) {
            assertThatThrownBy(() -> iot.publish(b -> b.topic(Topics.audit("front-door-01")).qos(1)
                    .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> iot.publish(b -> b.topic("other/topic").qos(0)
                    .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ForbiddenException.class);
        }
        try (IotDataPlaneClient bad = LocalClients.iotData(stack.iotDataEndpoint(), stack.region(),
                stack.credentials().accessKeyId(), "not-the-secret", stack.caCertificate())) {
            assertThatThrownBy(() -> bad.publish(b -> b.topic(Topics.decision("front-door-01")).qos(1)
                    .payload(SdkBytes.fromUtf8String("{}"))))
                    .isInstanceOfSatisfying(IotDataPlaneException.class, e -> {
                        assertThat(e.statusCode()).isBetween(400, 403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                    });
        }
    }

    /** The visit loop without a face engine: door uploads → handler → IoT publish → door; door audits → cloud. */
    @Test
    void captureUploadTriggersHandlerWhoseDecisionReachesTheDoor() throws Exception {
        DoorBundle door = stack.provisionDoor("lab door");
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(door.properties())) {
            props.load(r);
        }
        IotDataPlaneClient cloudIot = stack.iotDataClient();
        stack.registerS3Handler("captures", "captures/", ".jpg", (RequestHandler<S3Event, Void>) (event, ctx) -> {
            for (var rec : event.getRecords()) {
                String key = rec.getS3().getObject().getUrlDecodedKey();
                String doorId = key.split("/")[1];
                cloudIot.publish(b -> b.topic(Topics.decision(doorId)).qos(1)
                        .payload(SdkBytes.fromUtf8String("{\"captureKey\":\"" + key + "\"}")));
            }
            return null;
        });
        try (DeviceSdkDoor client = connect(door);
                S3Client doorS3 = doorS3(props)) {
            client.subscribe(Topics.decision("lab door")).get(5, TimeUnit.SECONDS);
            String key = "captures/lab door/2026-11-28T08:00:01.950Z_a81b22c0.jpg";
            doorS3.putObject(b -> b.bucket(props.getProperty("s3.bucket")).key(key), RequestBody.fromString("jpeg"));
            DeviceSdkDoor.Received got = client.poll(10_000);
            assertThat(got).isNotNull();
            assertThat(got.payload()).isEqualTo("{\"captureKey\":\"" + key + "\"}");

            client.publish(Topics.audit("lab door"), "{\"event\":\"UNLOCKED\"}").get(5, TimeUnit.SECONDS);
            assertThat(audits.poll(5, TimeUnit.SECONDS))
                    .isEqualTo("facegate/doors/lab door/audit {\"event\":\"UNLOCKED\"}");
            // The handler returned normally: nothing retried into the dead-letter folder.
            assertThat(stack.awaitHandlersIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(data.resolve("dead-letter/captures")).doesNotExist();
        } finally {
            cloudIot.close();
        }
    }

    /** Rekognition reads Image.S3Object from the stack's own S3 endpoint, as the access-decision handler asks. */
    @Test
    void rekognitionSearchesFacesStoredInLocalS3() throws Exception {
        String faces = System.getProperty("facegate.faces", System.getenv("FACEGATE_FACES"));
        Assumptions.assumeTrue(faces != null && Files.isDirectory(Path.of(faces, "lfw")), "LFW faces not found");
        Path person = Path.of(faces, "lfw", "Colin_Powell");
        try (S3Client s3 = stack.s3Client(); RekognitionClient rek = stack.rekognitionClient()) {
            s3.putObject(b -> b.bucket(stack.bucket()).key("enroll/B-1/front.jpg"),
                    RequestBody.fromFile(person.resolve("Colin_Powell_0001.jpg")));
            s3.putObject(b -> b.bucket(stack.bucket()).key("captures/door-x/c1.jpg"),
                    RequestBody.fromFile(person.resolve("Colin_Powell_0003.jpg")));
            rek.createCollection(b -> b.collectionId("facegate-employees"));
            var indexed = rek.indexFaces(b -> b.collectionId("facegate-employees").externalImageId("B-1")
                    .image(i -> i.s3Object(o -> o.bucket(stack.bucket()).name("enroll/B-1/front.jpg"))));
            assertThat(indexed.faceRecords()).hasSize(1);
            var found = rek.searchFacesByImage(b -> b.collectionId("facegate-employees").faceMatchThreshold(80f)
                    .image(i -> i.s3Object(o -> o.bucket(stack.bucket()).name("captures/door-x/c1.jpg"))));
            assertThat(found.faceMatches()).isNotEmpty();
            assertThat(found.faceMatches().get(0).face().externalImageId()).isEqualTo("B-1");
        }
    }

    @Test
    void auditThatTheSinkCannotTakeIsRetriedThenKept() throws Exception {
        DoorBundle door = stack.provisionDoor("broken-sink-door");
        try (DeviceSdkDoor client = connect(door)) {
            client.publish(Topics.audit("broken-sink-door"), "{\"event\":\"DOOR_FORCED\"}").get(5, TimeUnit.SECONDS);
            assertThat(audits.poll(5, TimeUnit.SECONDS)).endsWith("{\"event\":\"DOOR_FORCED\"}");
        }
        Path dlq = data.resolve("dead-letter/iot-audit");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.isDirectory(dlq) && hasEntries(dlq)) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(stack.awaitHandlersIdle(Duration.ofSeconds(5))).isTrue();
        try (var files = Files.list(dlq)) {
            var kept = files.toList();
            assertThat(kept).hasSize(1);
            var doc = com.facegate.protocol.MessageCodec.mapper().readTree(Files.readString(kept.get(0)));
            assertThat(doc.get("attempts").asInt()).isEqualTo(3);
            assertThat(doc.at("/event/topic").asText()).isEqualTo("facegate/doors/broken-sink-door/audit");
            assertThat(doc.at("/event/payload/event").asText()).isEqualTo("DOOR_FORCED");
            assertThat(doc.at("/error/errorMessage").asText()).isEqualTo("audit bucket unavailable");
        }
    }

    @Test
    void secretsAreOwnerOnlyAndBundleIsComplete() throws Exception {
        DoorBundle door = stack.provisionDoor("side-door");
        for (Path secret : new Path[] {data.resolve("credentials.properties"), data.resolve("pki/ca.key"),
                data.resolve("pki/server.key"), door.privateKey(), door.properties()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(door.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(door.properties())) {
            p.load(r);
        }
        assertThat(p.getProperty("door.id")).isEqualTo("side-door");
        assertThat(p.getProperty("mqtt.port")).isEqualTo(Integer.toString(stack.mqttPort()));
        assertThat(p.getProperty("s3.endpoint")).isEqualTo(stack.s3Endpoint().toString()).startsWith("https://");
        // No S3 secret in a door bundle: the door exchanges its certificate at the credentials endpoint.
        assertThat(p.stringPropertyNames()).doesNotContain("s3.accessKeyId", "s3.secretAccessKey");
        assertThat(Files.readString(door.properties())).doesNotContain(stack.credentials().secretAccessKey());
        assertThat(p.getProperty("s3.credentials")).isEqualTo("iot");
        assertThat(p.getProperty("s3.credentialsEndpoint")).isEqualTo(stack.iotCredentialsEndpoint().toString())
                .startsWith("https://");
        assertThat(p.getProperty("s3.roleAlias")).isEqualTo(LocalStack.DOOR_ROLE_ALIAS);
        assertThat(p.getProperty("s3.bucket")).isEqualTo(stack.bucket());
        assertThat(Path.of(p.getProperty("ca.path"))).exists();
        assertThat(stack.credentials().toString()).doesNotContain(stack.credentials().secretAccessKey());
    }

    /**
     * The door's S3 client as the daemon builds it, with plain JDK HTTP here (local cannot see the device module):
     * mutual TLS with the door certificate to the credentials endpoint, then SigV4 with the session credentials,
     * x-amz-security-token included (the local S3 must accept it).
     */
    static S3Client doorS3(Properties props) throws Exception {
        javax.net.ssl.SSLContext tls = com.facegate.local.aws.pki.TlsContexts.clientContext(
                Path.of(props.getProperty("ca.path")), Path.of(props.getProperty("mqtt.certificate")),
                Path.of(props.getProperty("mqtt.privateKey")));
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(tls).build();
        java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                props.getProperty("s3.credentialsEndpoint") + "/role-aliases/" + props.getProperty("s3.roleAlias")
                        + "/credentials")).header("x-amzn-iot-thingname", props.getProperty("door.id")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        var c = com.facegate.protocol.MessageCodec.mapper().readTree(r.body()).get("credentials");
        assertThat(java.time.Instant.parse(c.get("expiration").asText()))
                .isAfter(java.time.Instant.now().plus(Duration.ofMinutes(55)));
        var session = software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                c.get("accessKeyId").asText(), c.get("secretAccessKey").asText(), c.get("sessionToken").asText());
        return S3Client.builder().endpointOverride(java.net.URI.create(props.getProperty("s3.endpoint")))
                .region(software.amazon.awssdk.regions.Region.of(props.getProperty("region"))).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(session))
                .httpClient(LocalClients.httpClient(Path.of(props.getProperty("ca.path"))))
                .overrideConfiguration(com.facegate.cloud.CloudClients.s3Overrides()).build();
    }

    private static boolean hasEntries(Path dir) throws java.io.IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }
}

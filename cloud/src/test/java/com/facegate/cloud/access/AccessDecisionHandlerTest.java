package com.facegate.cloud.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.RecordingIotEndpoint;
import com.facegate.cloud.S3Events;
import com.facegate.cloud.TestClients;
import com.facegate.cloud.TestData;
import com.facegate.cloud.TestS3;
import com.facegate.cloud.ThrottlingRekognition;
import com.facegate.cloud.audit.AuditReader;
import com.facegate.cloud.audit.AuditRecord;
import com.facegate.cloud.registry.Door;
import com.facegate.cloud.registry.Registry;
import com.facegate.protocol.AuditEvent;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import com.facegate.protocol.MessageCodec;
import com.facegate.protocol.Reasons;
import com.facegate.protocol.Topics;
import com.facegate.protocol.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The access handler over real S3 (s3proxy) and a real HTTP IoT publish endpoint. Recognition is unreachable here
 * (the paths tested decide before it, or must deny when it is down); matching is tested in the it module against
 * the local stack's Rekognition-compatible endpoint.
 */
class AccessDecisionHandlerTest {
    static final String BUCKET = "facegate-example";
    static final String DOOR = "front-door-01";

    @RegisterExtension
    static final TestS3 s3 = TestS3.perClass(BUCKET);
    @RegisterExtension
    static final RecordingIotEndpoint iot = RecordingIotEndpoint.perClass();
    static CloudClients clients;
    static AccessDecisionHandler handler;
    static final RetryPolicy NO_WAIT = AwsRetries.standard().withSleeper(d -> { });

    @BeforeAll
    static void start() throws Exception {
        clients = TestClients.of(s3, TestClients.closedPort(), iot.uri());
        handler = newHandler(clients);
        new Registry(s3.client(), BUCKET, Clock.systemUTC(), Duration.ZERO)
                .putDoor(new Door(DOOR, "Front", "Europe/Madrid", List.of("staff"), List.of()));
    }

    static AccessDecisionHandler newHandler(CloudClients c) {
        return new AccessDecisionHandler(CloudConfig.defaults(BUCKET), c, Clock.systemUTC(),
                LivenessCheck.notAvailable(), NO_WAIT);
    }

    @BeforeEach
    void clear() {
        iot.clear();
    }

    static CaptureKey upload(byte[] image) {
        CaptureKey k = new CaptureKey(DOOR, CaptureKey.newCaptureId(Instant.now()));
        s3.client().putObject(b -> b.bucket(BUCKET).key(k.key()), RequestBody.fromBytes(image));
        return k;
    }

    static Decision only(String doorId) throws Exception {
        List<RecordingIotEndpoint.Published> got = iot.on(Topics.decision(doorId));
        assertThat(got).hasSize(1);
        assertThat(got.get(0).qos()).isEqualTo("1");
        return MessageCodec.decode(got.get(0).payload(), Decision.class);
    }

    static Decision decide(byte[] image) throws Exception {
        CaptureKey k = upload(image);
        handler.handleRequest(S3Events.created(BUCKET, k.key()), null);
        Decision d = only(DOOR);
        assertThat(d.captureId()).isEqualTo(k.captureId());
        assertThat(d.isGrant()).isFalse();
        return d;
    }

    @Test
    void everyRecordOfTheSharedTwoRecordEventIsHandled() throws Exception {
        handler.handleRequest(S3Events.load(TestData.eventsDir().resolve("s3-capture-two-records.json")), null);
        // front-door-01 is registered but its sample capture object does not exist; "lab door" is not registered.
        Decision front = only("front-door-01");
        assertThat(front.reason()).isEqualTo(Reasons.INVALID_IMAGE);
        Decision lab = only("lab door");
        assertThat(lab.reason()).isEqualTo(Reasons.UNKNOWN_DOOR);
        assertThat(lab.captureId()).isEqualTo("2026-11-28T08:00:01.950Z_a81b22c0");
        assertThat(lab.expiresAt()).isEqualTo(lab.issuedAt().plusSeconds(5));
    }

    @Test
    void hostileImagesAreDeniedWithAReason() throws Exception {
        byte[] face = TestData.anyFaceJpeg();
        assertThat(decide(new byte[0]).reason()).isEqualTo(Reasons.INVALID_IMAGE);
        iot.clear();
        assertThat(decide(Arrays.copyOf(face, 100)).reason()).isEqualTo(Reasons.INVALID_IMAGE);
        iot.clear();
        assertThat(decide("<html>not an image</html>".getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo(Reasons.INVALID_IMAGE);
        iot.clear();
        assertThat(decide(TestData.hugePngHeader()).reason()).isEqualTo(Reasons.IMAGE_TOO_LARGE);
        iot.clear();
        byte[] huge = Arrays.copyOf(face, 16 * 1024 * 1024);
        assertThat(decide(huge).reason()).isEqualTo(Reasons.IMAGE_TOO_LARGE);
    }

    @Test
    void recognitionDownGivesDenyNotGrantNorCrash() throws Exception {
        Decision d = decide(TestData.anyFaceJpeg());
        assertThat(d.reason()).isEqualTo(Reasons.RECOGNITION_UNAVAILABLE);
        iot.clear();
        // 6 MB (a real JPEG followed by padding) goes to recognition by S3 reference; still a DENY.
        Decision big = decide(Arrays.copyOf(TestData.anyFaceJpeg(), 6 * 1024 * 1024));
        assertThat(big.reason()).isEqualTo(Reasons.RECOGNITION_UNAVAILABLE);
    }

    @Test
    void throttlingIsRetriedABoundedNumberOfTimesThenDenied() throws Exception {
        try (ThrottlingRekognition rek = new ThrottlingRekognition()) {
            AccessDecisionHandler h = newHandler(new CloudClients(s3.client(), TestClients.rekognition(rek.uri()),
                    clients.iot()));
            CaptureKey k = upload(TestData.anyFaceJpeg());
            h.handleRequest(S3Events.created(BUCKET, k.key()), null);
            assertThat(only(DOOR).reason()).isEqualTo(Reasons.RECOGNITION_UNAVAILABLE);
            // DetectFaces and the search run side by side, each retried at most maxAttempts times.
            assertThat(rek.calls()).isEqualTo(2 * NO_WAIT.maxAttempts());
        }
    }

    @Test
    void theSameCaptureDeliveredTwiceIsDecidedOnceEvenByAnotherContainer() throws Exception {
        CaptureKey k = upload(new byte[0]);
        handler.handleRequest(S3Events.created(BUCKET, k.key()), null);
        handler.handleRequest(S3Events.created(BUCKET, k.key()), null);
        newHandler(clients).handleRequest(S3Events.created(BUCKET, k.key()), null);
        assertThat(iot.on(Topics.decision(DOOR))).hasSize(1);
        List<AuditRecord> audit = new AuditReader(s3.client(), BUCKET).query(DOOR, null,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(60)).stream()
                .filter(r -> k.captureId().equals(r.event().captureId())).toList();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).event().type()).isEqualTo(AuditEvent.Type.DECISION);
        assertThat(audit.get(0).event().source()).isEqualTo(AuditEvent.SOURCE_CLOUD);
        assertThat(audit.get(0).event().reason()).isEqualTo(Reasons.INVALID_IMAGE);
        assertThat(audit.get(0).event().details()).containsEntry("result", "DENY");
    }

    @Test
    void concurrentDeliveriesPublishExactlyOnce() throws Exception {
        CaptureKey k = upload("garbage".getBytes(StandardCharsets.UTF_8));
        int n = 4;
        CyclicBarrier barrier = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                AccessDecisionHandler h = newHandler(clients);
                fs.add(pool.submit(() -> {
                    barrier.await();
                    return h.handle(k);
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // A delivery that met the winner's live claim fails for a retry, as the platform would redeliver.
                    assertThat(e.getCause()).isInstanceOf(CaptureBusyException.class);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(iot.on(Topics.decision(DOOR))).hasSize(1);
    }

    @Test
    void corruptRegistryDeniesRegistryUnavailable() throws Exception {
        String door = "broken-door";
        s3.client().putObject(b -> b.bucket(BUCKET).key(Registry.doorKey(door)), RequestBody.fromString("{not json"));
        CaptureKey k = new CaptureKey(door, CaptureKey.newCaptureId(Instant.now()));
        s3.client().putObject(b -> b.bucket(BUCKET).key(k.key()), RequestBody.fromBytes(TestData.anyFaceJpeg()));
        handler.handleRequest(S3Events.created(BUCKET, k.key()), null);
        assertThat(only(door).reason()).isEqualTo(Reasons.REGISTRY_UNAVAILABLE);
    }

    /**
     * S3 keys are opaque: a door's literal key {@code captures/front-door-01/../../registry/badges/x.jpg} (which S3
     * and the local S3 store as such) names no door; it is skipped with its reason, never decided for
     * front-door-01, for "registry", or for anyone: nothing published, nothing claimed or recorded.
     */
    @Test
    void keysWithDotOrEmptySegmentsAreSkippedWithoutAnyDecision() {
        String id = CaptureKey.newCaptureId(Instant.now());
        List<String> keys = List.of("captures/front-door-01/../../registry/badges/x.jpg",
                "captures/front-door-01/../" + id + ".jpg", "captures/../front-door-01/" + id + ".jpg",
                "captures//" + id + ".jpg", "captures/front-door-01//" + id + ".jpg",
                "captures/./front-door-01/" + id + ".jpg");
        for (String key : keys) {
            assertThat(CaptureKey.problem(key)).as(key).isPresent();
            assertThat(handler.handle(S3Events.created(BUCKET, key).getRecords().get(0))).as(key).isEmpty();
        }
        assertThat(iot.published()).isEmpty();
        assertThat(s3.client().listObjectsV2(b -> b.bucket(BUCKET).prefix("decisions/")).contents())
                .noneMatch(o -> o.key().contains(id));
    }

    @Test
    void nonCaptureKeysAreSkippedWithoutPublishing() {
        handler.handleRequest(S3Events.created(BUCKET, "captures/front-door-01/x.jpg", "captures/a/b/c.jpg",
                "registry/doors/front-door-01.json", "captures/front-door-01/2026-11-28T08:00:00Z_00000000.png"), null);
        assertThat(iot.published()).isEmpty();
    }

    @Test
    void whenTheAuditCannotBeWrittenNothingIsPublishedAndTheRetryDecidesCleanly() throws Exception {
        // Fault injection on the wire: every PUT under audit/ fails as S3 does when it is unavailable.
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor auditDown =
                new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission c,
                                                   software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                        if (c.httpRequest().method() == software.amazon.awssdk.http.SdkHttpMethod.PUT
                                && c.httpRequest().encodedPath().contains("/audit/")) {
                            throw software.amazon.awssdk.core.exception.SdkClientException.create("audit store down");
                        }
                    }
                };
        software.amazon.awssdk.services.s3.S3Client broken = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + s3.port())).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("facegate-test",
                                "facegate-test-secret")))
                .overrideConfiguration(com.facegate.cloud.CloudClients.s3Overrides().toBuilder()
                        .addExecutionInterceptor(auditDown).build()).build();
        CaptureKey k = upload(new byte[0]);
        AccessDecisionHandler failing = newHandler(new CloudClients(broken, clients.rekognition(), clients.iot()));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> failing.handleRequest(S3Events.created(BUCKET, k.key()), null))
                .isInstanceOf(com.facegate.cloud.audit.AuditWriter.AuditWriteException.class);
        assertThat(iot.published()).isEmpty();
        assertThat(new DecisionLedger(s3.client(), BUCKET).recorded(k)).isEmpty();
        // The platform's retry, with S3 healthy again: decided, audited and published exactly once.
        handler.handleRequest(S3Events.created(BUCKET, k.key()), null);
        assertThat(only(DOOR).reason()).isEqualTo(Reasons.INVALID_IMAGE);
        assertThat(new DecisionLedger(s3.client(), BUCKET).recorded(k)).isPresent();
        broken.close();
    }

    @Test
    void removalEventsAreIgnored() {
        CaptureKey k = upload(new byte[0]);
        var event = S3Events.created(BUCKET, k.key());
        event.getRecords().set(0, new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification
                .S3EventNotificationRecord(event.getRecords().get(0).getAwsRegion(), "ObjectRemoved:Delete", "aws:s3",
                "2026-11-28T08:00:00.123Z", "2.1", event.getRecords().get(0).getRequestParameters(),
                event.getRecords().get(0).getResponseElements(), event.getRecords().get(0).getS3(),
                event.getRecords().get(0).getUserIdentity()));
        handler.handleRequest(event, null);
        assertThat(iot.published()).isEmpty();
    }

    @Test
    void aFailedPublishIsAuditedAndNeverRepublished() throws Exception {
        CaptureKey k = upload(new byte[0]);
        iot.failNext(NO_WAIT.maxAttempts());
        assertThat(handler.handle(k)).isEmpty();
        assertThat(iot.published()).isEmpty();
        handler.handleRequest(S3Events.created(BUCKET, k.key()), null);
        assertThat(iot.published()).isEmpty();
        List<AuditRecord> audit = new AuditReader(s3.client(), BUCKET).query(DOOR, null,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(60)).stream()
                .filter(r -> k.captureId().equals(r.event().captureId())).toList();
        assertThat(audit).extracting(r -> r.event().type())
                .containsExactlyInAnyOrder(AuditEvent.Type.DECISION, AuditEvent.Type.FAULT);
    }
}

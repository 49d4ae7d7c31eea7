package com.facegate.it.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.cloud.AwsRetries;
import com.facegate.cloud.CloudClients;
import com.facegate.cloud.CloudConfig;
import com.facegate.cloud.access.AccessDecisionHandler;
import com.facegate.cloud.enroll.BadgeAdmin;
import com.facegate.cloud.enroll.EnrollmentHandler;
import com.facegate.cloud.enroll.EnrollmentPhoto;
import com.facegate.cloud.enroll.EnrollmentReceipt;
import com.facegate.cloud.enroll.EnrollmentRequest;
import com.facegate.cloud.registry.Consent;
import com.facegate.cloud.registry.PhotoEnrollment;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.deploy.LocalEndpoints;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.CaptureKey;
import com.facegate.protocol.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.model.Face;

/**
 * What {@link CloudStackFixture} hands a test: the running stack, the admin's clients, the handlers' config, the
 * access and enrollment handlers built on them, and the admin; plus the steps every such test takes (enroll a badge,
 * upload a capture, hand its S3 event to a handler).
 */
final class CloudStack implements AutoCloseable {
    static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2099-01-01T00:00:00Z");

    private final Path data;
    private final OnnxFaceEngine engine;
    private final LocalStack stack;
    private final CloudClients clients;
    private final CloudConfig config;
    private final AccessDecisionHandler access;
    private final EnrollmentHandler enrollment;
    private final BadgeAdmin admin;

    private CloudStack(Path data, OnnxFaceEngine engine, LocalStack stack, CloudStackFixture.Setup setup) {
        this.data = data;
        this.engine = engine;
        this.stack = stack;
        this.clients = LocalEndpoints.of(stack).clients();
        this.config = setup.config.apply(CloudConfig.builder(stack.bucket())).build();
        clients.rekognition().createCollection(b -> b.collectionId(config.collectionId()));
        this.access = new AccessDecisionHandler(config, clients, Clock.systemUTC(), setup.liveness,
                AwsRetries.standard());
        this.enrollment = new EnrollmentHandler(config, clients, Clock.systemUTC());
        if (setup.enrollOnUpload) {
            stack.registerS3Handler("enroll", "enroll/", "", enrollment);
        }
        this.admin = new BadgeAdmin(config, clients, Clock.systemUTC());
    }

    static CloudStack start(CloudStackFixture.Setup setup) throws Exception {
        Path data = Files.createTempDirectory("facegate-cloud");
        OnnxFaceEngine engine = null;
        LocalStack stack = null;
        try {
            engine = OnnxFaceEngine.load();
            stack = LocalStack.builder().dataDir(data).faceEngine(engine).anyFreePorts().mqttPersistent(false)
                    .retryBackoff(Duration.ofMillis(200)).build().start();
            return new CloudStack(data, engine, stack, setup);
        } catch (Exception | Error e) {
            try {
                stop(stack, engine, data);
            } catch (IOException | RuntimeException s) {
                e.addSuppressed(s);
            }
            throw e;
        }
    }

    LocalStack stack() {
        return stack;
    }

    String bucket() {
        return stack.bucket();
    }

    CloudClients clients() {
        return clients;
    }

    CloudConfig config() {
        return config;
    }

    AccessDecisionHandler access() {
        return access;
    }

    /** The handler the stack runs on {@code enroll/} uploads (unless the setup turned that off). */
    EnrollmentHandler enrollment() {
        return enrollment;
    }

    BadgeAdmin admin() {
        return admin;
    }

    /** Enrolls the photos under the badge in the given groups, valid until {@code until}, with complete consent. */
    EnrollmentReceipt enroll(String badge, List<String> groups, Instant until, byte[]... photos) {
        return admin.enroll(new EnrollmentRequest(badge, "Test Person " + badge, groups, FROM, until,
                        new Consent(Instant.now(), "privacy-notice-v3", "facilities-admin")),
                Arrays.stream(photos).map(p -> new EnrollmentPhoto("photo.jpg", p)).toList());
    }

    /** A staff badge valid until {@link #UNTIL}. */
    EnrollmentReceipt enroll(String badge, byte[]... photos) {
        return enroll(badge, List.of("staff"), UNTIL, photos);
    }

    /** Waits for the enrollment handler and checks that each badge's one photo was enrolled. */
    void awaitEnrolled(String... badges) throws InterruptedException {
        assertThat(stack.awaitHandlersIdle(Duration.ofMinutes(2))).isTrue();
        for (String b : badges) {
            assertThat(admin.enrollmentStatus(b)).extracting(PhotoEnrollment::status)
                    .as("enrollment of " + b).containsExactly(PhotoEnrollment.Status.ENROLLED);
        }
    }

    /** The S3 event for objects created in the bucket, as the Lambda runtime hands it over. */
    S3Event created(String... keys) {
        return CloudFixtures.created(bucket(), keys);
    }

    /** Uploads a capture for the door under a new capture id. */
    CaptureKey upload(String door, byte[] image) {
        return upload(new CaptureKey(door, CaptureKey.newCaptureId(Instant.now())), image, Map.of());
    }

    /** Uploads a capture under the given key, with the door's metadata (card, sealed PIN, liveness). */
    CaptureKey upload(CaptureKey k, byte[] image, Map<String, String> metadata) {
        clients.s3().putObject(b -> b.bucket(bucket()).key(k.key()).metadata(metadata), RequestBody.fromBytes(image));
        return k;
    }

    /** Hands the capture's S3 event to the handler; the decision it published, if any. */
    Optional<Decision> decide(AccessDecisionHandler handler, CaptureKey k) {
        return handler.handle(created(k.key()).getRecords().get(0));
    }

    /** As {@link #decide}, for a capture that must be decided. */
    Decision decided(AccessDecisionHandler handler, CaptureKey k) {
        Optional<Decision> d = decide(handler, k);
        assertThat(d).as("a decision was published").isPresent();
        return d.get();
    }

    /** Uploads the image at the door and hands it to the access handler; the decision it published. */
    Decision visit(String door, byte[] image) {
        return decided(access, upload(door, image));
    }

    /** The faces of the badge in the collection. */
    List<String> faceIds(String badge) {
        return clients.rekognition().listFacesPaginator(b -> b.collectionId(config.collectionId())).faces().stream()
                .filter(f -> badge.equals(f.externalImageId())).map(Face::faceId).toList();
    }

    /** Stops the stack, then the engine, and deletes the data folder. */
    @Override
    public void close() throws IOException {
        stop(stack, engine, data);
    }

    private static void stop(LocalStack stack, OnnxFaceEngine engine, Path data) throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (engine != null) {
            engine.close();
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package com.facegate.device.offline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.facegate.cloud.CloudClients;
import com.facegate.local.stack.LocalClients;
import com.facegate.local.stack.LocalStack;
import com.facegate.protocol.gallery.Gallery;
import com.facegate.protocol.gallery.GalleryCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Issue 16 item 4: the periodic refresh of the offline gallery against the real local S3 and the real SDK v2. An
 * unchanged object is answered 304 to the door's conditional GET (the SDK raises it as an S3Exception, which the
 * store takes as "unchanged"), a republished one is downloaded and in use, and an unreachable S3 keeps the gallery.
 */
class GalleryRefreshTest {
    private static final String DOOR = "door-refresh-1";
    private static final String OBJECT = "galleries/" + DOOR + ".bin";

    @TempDir
    Path dir;

    /** Every GetObject the door's client sent, as HTTP status and whether it carried If-None-Match. */
    record Get(int status, boolean conditional) {}

    @Test
    void givenASyncedGallery_whenRefreshed_thenUnchangedIs304AndARevocationIsDownloadedAndAnOutageKeepsIt()
            throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path cache = dir.resolve("state").resolve("gallery.bin");
        List<Get> gets = new CopyOnWriteArrayList<>();
        LocalStack stack = LocalStack.builder().dataDir(dir.resolve("stack")).host("127.0.0.1").anyFreePorts()
                .build().start();
        try (stack; S3Client admin = stack.s3Client();
             S3Client door = countingClient(stack, stack.provisionDoor(DOOR).caCertificate(), gets)) {
            String bucket = stack.bucket();
            put(admin, bucket, key, Map.of("B-ALICE", List.of(new float[] {0.6f, 0.8f}),
                    "B-BOB", List.of(new float[] {0.8f, 0.6f})));
            GalleryStore store = new GalleryStore(DOOR, key, cache, door, bucket, OBJECT);
            assertThat(store.checkedAt()).isEmpty();

            assertThat(store.resync()).isTrue();
            assertThat(store.current().orElseThrow().badges()).containsOnlyKeys("B-ALICE", "B-BOB");
            Instant firstCheck = store.checkedAt().orElseThrow();

            assertThat(store.refresh()).isEqualTo(GalleryStore.Outcome.UNCHANGED);
            assertThat(store.refresh()).isEqualTo(GalleryStore.Outcome.UNCHANGED);
            assertThat(gets).as("one download, then two conditional GETs answered 304")
                    .containsExactly(new Get(200, false), new Get(304, true), new Get(304, true));
            assertThat(store.checkedAt().orElseThrow()).isAfterOrEqualTo(firstCheck);

            // Bob's badge is revoked: the publisher's next gallery lacks it.
            Instant generated = put(admin, bucket, key, Map.of("B-ALICE", List.of(new float[] {0.6f, 0.8f})));
            assertThat(store.refresh()).isEqualTo(GalleryStore.Outcome.UPDATED);
            assertThat(store.current().orElseThrow().badges()).containsOnlyKeys("B-ALICE");
            assertThat(store.generatedAt()).contains(generated);
            assertThat(gets.get(gets.size() - 1)).isEqualTo(new Get(200, true));
            assertThat(GalleryCodec.decrypt(Files.readAllBytes(cache), key, DOOR).badges())
                    .as("cached for the next start").containsOnlyKeys("B-ALICE");
            assertThat(store.refresh()).isEqualTo(GalleryStore.Outcome.UNCHANGED);

            stack.close();
            Logger log = (Logger) LoggerFactory.getLogger(GalleryStore.class);
            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            log.addAppender(lines);
            try {
                assertThat(store.refresh()).isEqualTo(GalleryStore.Outcome.FAILED);
                assertThat(store.refresh()).isEqualTo(GalleryStore.Outcome.FAILED);
                assertThat(store.resync()).isFalse();
            } finally {
                log.detachAppender(lines);
            }
            assertThat(lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)))
                    .as("one WARN when the refresh starts failing, not one per period").singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage())
                            .startsWith("offline gallery sync failed, keeping the one generated " + generated));
            assertThat(store.current().orElseThrow().badges()).as("kept while S3 is away").containsOnlyKeys("B-ALICE");
            assertThat(store.generatedAt()).contains(generated);
        }
    }

    @Test
    void givenAnObjectThatIsNotAGalleryForThisDoor_whenRefreshed_thenRefusedAndThePreviousOneKept()
            throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (LocalStack stack = LocalStack.builder().dataDir(dir.resolve("stack")).host("127.0.0.1")
                .anyFreePorts().build().start(); S3Client admin = stack.s3Client()) {
            String bucket = stack.bucket();
            put(admin, bucket, key, Map.of("B-ALICE", List.of(new float[] {0.6f, 0.8f})));
            GalleryStore store = new GalleryStore(DOOR, key, dir.resolve("gallery.bin"), admin, bucket, OBJECT);
            assertThat(store.resync()).isTrue();

            admin.putObject(b -> b.bucket(bucket).key(OBJECT), RequestBody.fromBytes(new byte[] {1, 2, 3}));
            assertThat(store.refresh()).isEqualTo(GalleryStore.Outcome.REFUSED);
            assertThat(store.current().orElseThrow().badges()).containsOnlyKeys("B-ALICE");
        }
    }

    private static Instant put(S3Client s3, String bucket, byte[] key, Map<String, List<float[]>> badges)
            throws Exception {
        Instant at = Instant.now();
        s3.putObject(b -> b.bucket(bucket).key(OBJECT), RequestBody.fromBytes(
                GalleryCodec.encrypt(new Gallery(DOOR, at, 2, badges), key)));
        return at;
    }

    /** A client of the local S3 (admin credentials) that records every GetObject's answer. */
    private static S3Client countingClient(LocalStack stack, Path ca, List<Get> gets) {
        ExecutionInterceptor count = new ExecutionInterceptor() {
            @Override
            public void afterTransmission(Context.AfterTransmission c, ExecutionAttributes a) {
                if (c.request() instanceof GetObjectRequest r) {
                    gets.add(new Get(c.httpResponse().statusCode(), r.ifNoneMatch() != null));
                }
            }
        };
        return S3Client.builder().endpointOverride(stack.s3Endpoint()).region(Region.of(stack.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        stack.credentials().accessKeyId(), stack.credentials().secretAccessKey())))
                .overrideConfiguration(CloudClients.s3Overrides().toBuilder().addExecutionInterceptor(count).build())
                .httpClient(LocalClients.httpClient(ca)).build();
    }
}

package com.facegate.local.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.facegate.local.aws.lambda.AsyncLambdaInvoker;
import com.facegate.local.aws.lambda.LambdaTarget;
import com.facegate.local.aws.lambda.NotificationRule;
import com.facegate.local.aws.lambda.S3EventJson;
import com.facegate.local.aws.lambda.S3EventNotifier;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.stack.LocalClients;
import com.facegate.protocol.MessageCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The local S3 endpoint over HTTPS, driven by the real SDK v2 client, and its Lambda-style notifications. */
class S3NotificationTest {
    static final String BUCKET = "facegate-test";
    @TempDir
    static Path data;
    static S3Server s3;
    static S3EventNotifier notifier;
    static S3Client client;
    static LocalCa ca;

    @BeforeAll
    static void start() {
        ca = LocalCa.openOrCreate(data.resolve("pki"));
        AsyncLambdaInvoker invoker = new AsyncLambdaInvoker(data.resolve("dead-letter"), data.resolve("pending"),
                "eu-west-1", 2, 100,
                Duration.ofMillis(20), Duration.ofSeconds(30), Clock.systemUTC());
        notifier = new S3EventNotifier(new S3EventJson("eu-west-1", "AWS:AKLOCAL", "FACEGATELOCAL", Clock.systemUTC()),
                invoker);
        s3 = S3Server.builder().baseDir(data.resolve("s3")).host("127.0.0.1").port(0).bucket(BUCKET)
                .credentials("AKLOCAL", "secret-local")
                .sslContext(TlsContexts.serverContext(ca.serverCredentials(Set.of())))
                .notifier(notifier).build().start();
        client = LocalClients.s3(s3.endpoint(), "eu-west-1", "AKLOCAL", "secret-local", ca.certificatePath());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (s3 != null) {
            s3.close();
        }
        notifier.invoker().close();
    }

    private static PutObjectResponse put(String key, String body) {
        return client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(body));
    }

    @Test
    void putWithAwkwardKeyReachesHandlerWithS3EncodedKey() throws Exception {
        BlockingQueue<S3Event> got = new LinkedBlockingQueue<>();
        notifier.addRule(new NotificationRule("captures-test", "captures/", ".jpg",
                LambdaTarget.of("AccessDecision", (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    assertThat(ctx.getRemainingTimeInMillis()).isPositive();
                    ctx.getLogger().log("got " + e.getRecords().size() + " record(s)");
                    got.add(e);
                    return null;
                })));
        String key = "captures/lab door/2026-11-28T08:00:00.120Z_Ana María López+1.jpg";
        PutObjectResponse resp = put(key, "jpeg bytes");

        S3Event event = got.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.getRecords()).hasSize(1);
        S3EventNotificationRecord r = event.getRecords().get(0);
        assertThat(r.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(r.getEventSource()).isEqualTo("aws:s3");
        assertThat(r.getAwsRegion()).isEqualTo("eu-west-1");
        assertThat(r.getS3().getConfigurationId()).isEqualTo("captures-test");
        assertThat(r.getS3().getBucket().getName()).isEqualTo(BUCKET);
        assertThat(r.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::" + BUCKET);
        assertThat(r.getS3().getObject().getKey())
                .isEqualTo("captures/lab+door/2026-11-28T08%3A00%3A00.120Z_Ana+Mar%C3%ADa+L%C3%B3pez%2B1.jpg");
        assertThat(URLDecoder.decode(r.getS3().getObject().getKey(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(r.getS3().getObject().getUrlDecodedKey()).isEqualTo(key);
        assertThat(r.getS3().getObject().getSizeAsLong()).isEqualTo(10L);
        assertThat(r.getS3().getObject().geteTag()).isEqualTo(resp.eTag().replace("\"", ""));
        assertThat(r.getS3().getObject().getSequencer()).matches("[0-9A-F]{18}");
        // Stored as the key says: readable back through the same endpoint.
        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("jpeg bytes");
    }

    @Test
    void eventJsonHasExactlyTheFieldsS3Sends() throws Exception {
        BlockingQueue<String> raw = new LinkedBlockingQueue<>();
        notifier.addRule(new NotificationRule("raw-test", "raw/", "", LambdaTarget.ofStream("Raw",
                (in, out, ctx) -> raw.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)))));
        put("raw/a.jpg", "x");
        String json = raw.poll(10, TimeUnit.SECONDS);
        assertThat(json).isNotNull();
        Path sample = Path.of(System.getProperty("facegate.events", "../../shared/events"), "s3-capture-put.json");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(sample), "S3 event samples not found at " + sample);
        JsonNode ours = MessageCodec.mapper().readTree(json);
        JsonNode theirs = MessageCodec.mapper().readTree(Files.readString(sample));
        assertThat(paths(ours)).isEqualTo(paths(theirs));
        assertThat(ours.at("/Records/0/eventTime").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    private static Set<String> paths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                var e = it.next();
                collect(e.getValue(), prefix + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            collect(node.get(0), prefix + "[]", out);
        } else {
            out.add(prefix + ":" + node.getNodeType());
        }
    }

    @Test
    void failingHandlerIsRetriedTwiceThenDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> startedNanos = new CopyOnWriteArrayList<>();
        notifier.addRule(new NotificationRule("failing-test", "failing/", "", LambdaTarget.of("Failing",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    startedNanos.add(System.nanoTime());
                    calls.incrementAndGet();
                    throw new IllegalStateException("registry unavailable");
                })));
        put("failing/x.jpg", "x");
        Path dlq = data.resolve("dead-letter").resolve("failing-test");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listJson(dlq).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        List<Path> files = listJson(dlq);
        assertThat(files).hasSize(1);
        assertThat(calls.get()).isEqualTo(3);
        // Retried after the first back-off (20 ms), then after twice it.
        assertThat(startedNanos.get(1) - startedNanos.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(startedNanos.get(2) - startedNanos.get(1)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        JsonNode doc = MessageCodec.mapper().readTree(Files.readString(files.get(0)));
        assertThat(doc.get("attempts").asInt()).isEqualTo(3);
        assertThat(doc.at("/error/errorMessage").asText()).isEqualTo("registry unavailable");
        assertThat(doc.at("/event/Records/0/s3/object/key").asText()).isEqualTo("failing/x.jpg");
        assertThat(files.get(0).getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f-]{36}\\.json");
    }

    @Test
    void handlerThatRecoversIsNotDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<String> done = new LinkedBlockingQueue<>();
        notifier.addRule(new NotificationRule("flaky-test", "flaky/", "", LambdaTarget.of("Flaky",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first try fails");
                    }
                    done.add(e.getRecords().get(0).getS3().getObject().getKey());
                    return null;
                })));
        put("flaky/y.jpg", "y");
        assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("flaky/y.jpg");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(listJson(data.resolve("dead-letter").resolve("flaky-test"))).isEmpty();
    }

    @Test
    void prefixAndSuffixFilter() throws Exception {
        BlockingQueue<String> keys = new LinkedBlockingQueue<>();
        notifier.addRule(new NotificationRule("enroll-test", "enroll/", ".jpg", LambdaTarget.of("Enroll",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    keys.add(e.getRecords().get(0).getS3().getObject().getUrlDecodedKey());
                    return null;
                })));
        put("enroll/B-1/a.png", "x");
        put("other/enroll/b.jpg", "x");
        put("enroll/B-1/c.jpg", "x");
        assertThat(keys.poll(10, TimeUnit.SECONDS)).isEqualTo("enroll/B-1/c.jpg");
        notifier.invoker().awaitIdle(Duration.ofSeconds(5));
        assertThat(keys).isEmpty();
    }

    @Test
    void multipartAndCopyAreAnnouncedWithTheirEventNames() throws Exception {
        BlockingQueue<String> names = new LinkedBlockingQueue<>();
        notifier.addRule(new NotificationRule("mpu-test", "mpu/", "", LambdaTarget.of("Mpu",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    var r = e.getRecords().get(0);
                    names.add(r.getEventName() + " " + r.getS3().getObject().getUrlDecodedKey() + " "
                            + r.getS3().getObject().getSizeAsLong());
                    return null;
                })));
        String key = "mpu/Ana María front.jpg";
        String uploadId = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
        List<CompletedPart> parts = new ArrayList<>();
        parts.add(CompletedPart.builder().partNumber(1).eTag(client.uploadPart(b -> b.bucket(BUCKET).key(key)
                .uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag()).build());
        parts.add(CompletedPart.builder().partNumber(2).eTag(client.uploadPart(b -> b.bucket(BUCKET).key(key)
                .uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part2)).eTag()).build());
        client.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        assertThat(names.poll(10, TimeUnit.SECONDS))
                .isEqualTo("ObjectCreated:CompleteMultipartUpload " + key + " " + (part1.length + part2.length));

        client.copyObject(b -> b.sourceBucket(BUCKET).sourceKey(key).destinationBucket(BUCKET)
                .destinationKey("mpu/copy.jpg"));
        assertThat(names.poll(10, TimeUnit.SECONDS))
                .isEqualTo("ObjectCreated:Copy mpu/copy.jpg " + (part1.length + part2.length));
    }

    @Test
    void ifNoneMatchStarRefusesOverwrite() {
        String key = "idempotency/capture-1.json";
        try {
            client.putObject(b -> b.bucket(BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromString("first"));
        } catch (S3Exception e) {
            // Seen once in CI: the SDK retried this PUT after it had in fact succeeded, and the retry got 412 (the
            // reason DecisionLedger and EnrollmentClaims carry a token). Only that case is let through here.
            assertThat(e.statusCode()).isEqualTo(412);
            assertThat(e.numAttempts()).isGreaterThan(1);
        }
        assertThatThrownBy(() -> client.putObject(b -> b.bucket(BUCKET).key(key).ifNoneMatch("*"),
                RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("first");
    }

    @Test
    void concurrentConditionalPutsHaveExactlyOneWinner() throws Exception {
        String key = "idempotency/race.json";
        int n = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "writer-" + i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    client.putObject(b -> b.bucket(BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromString(body));
                    return "200";
                } catch (S3Exception e) {
                    // A 412 after a retry may be the answer to our own PUT that had succeeded (see above).
                    return e.statusCode() + (e.numAttempts() > 1 ? " retried" : "");
                }
            }));
        }
        start.countDown();
        List<String> codes = new ArrayList<>();
        for (var f : results) {
            codes.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        String stored = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
        int winner = Integer.parseInt(stored.substring("writer-".length()));
        assertThat(codes.get(winner)).isIn("200", "412 retried");
        for (int i = 0; i < n; i++) {
            if (i != winner) {
                assertThat(codes.get(i)).as("writer %d", i).startsWith("412");
            }
        }
    }

    @Test
    void sequencerGrowsForTheSameKey() throws Exception {
        BlockingQueue<String> seq = new LinkedBlockingQueue<>();
        notifier.addRule(new NotificationRule("seq-test", "seq/", "", LambdaTarget.of("Seq",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    seq.add(e.getRecords().get(0).getS3().getObject().getSequencer());
                    return null;
                })));
        put("seq/k", "1");
        String first = seq.poll(10, TimeUnit.SECONDS);
        put("seq/k", "2");
        String second = seq.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(second.compareTo(first)).isPositive();
    }

    /** Prints PUT→handler latency figures (no timing assertion: 2 shared cores make timings noisy). */
    @Test
    void everyPutIsDeliveredAndLatencyIsReported() throws Exception {
        var arrivals = new java.util.concurrent.ConcurrentHashMap<String, Long>();
        notifier.addRule(new NotificationRule("latency-test", "latency/", "", LambdaTarget.of("Latency",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    arrivals.put(e.getRecords().get(0).getS3().getObject().getUrlDecodedKey(), System.nanoTime());
                    return null;
                })));
        int n = 50;
        long[] sent = new long[n];
        for (int i = 0; i < n; i++) {
            sent[i] = System.nanoTime();
            put("latency/" + i + ".jpg", "x".repeat(30_000));
        }
        assertThat(notifier.invoker().awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(arrivals).hasSize(n);
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            ms[i] = (arrivals.get("latency/" + i + ".jpg") - sent[i]) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        System.out.printf("S3 PUT (30 kB, HTTPS) -> handler invoked: n=%d p50=%d ms p95=%d ms max=%d ms%n", n,
                ms[n / 2], ms[(int) (n * 0.95)], ms[n - 1]);
    }

    @Test
    void wrongSecretIsRejected() throws Exception {
        put("secret/kept.txt", "kept");
        try (S3Client bad = LocalClients.s3(s3.endpoint(), "eu-west-1", "AKLOCAL", "wrong", ca.certificatePath())) {
            assertThatThrownBy(() -> bad.getObjectAsBytes(b -> b.bucket(BUCKET).key("secret/kept.txt")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            // s3proxy answers 403 before reading a PUT body and may close the socket while the client still writes
            // it, so the client sees either the 403 or a broken request; either way nothing may be stored.
            assertThatThrownBy(() -> bad.putObject(b -> b.bucket(BUCKET).key("secret/forged.txt"),
                    RequestBody.fromString("forged")))
                    .isInstanceOfAny(S3Exception.class, software.amazon.awssdk.core.exception.SdkClientException.class);
        }
        assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("secret/")).contents())
                .extracting(o -> o.key()).containsExactly("secret/kept.txt");
    }

    private static List<Path> listJson(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }
}

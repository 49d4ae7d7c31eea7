package com.facegate.local.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.facegate.local.aws.lambda.AsyncLambdaInvoker;
import com.facegate.local.aws.lambda.LambdaTarget;
import com.facegate.local.aws.lambda.NotificationRule;
import com.facegate.local.aws.lambda.S3EventJson;
import com.facegate.local.aws.lambda.S3EventNotifier;
import com.facegate.local.aws.pki.LocalCa;
import com.facegate.local.aws.pki.TlsContexts;
import com.facegate.local.stack.LocalClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keys are opaque strings, as in S3: over HTTPS with the SDK v2 client, each key the review used (and the ones a
 * file-system mapping is most likely to get wrong) round-trips under its literal name, is announced with that name,
 * stays inside the bucket's folder and aliases no other key.
 */
class LiteralKeysTest {
    static final String BUCKET = "literal-keys";
    static final String LONG_DOOR = "d".repeat(300);
    /** Each pair: a dangerous key and the key a path-resolving store would have turned it into. */
    static final List<String> KEYS = List.of(
            "captures/front-door-01/../../registry/badges/x.jpg",
            "captures//a.jpg",
            "a/../x",
            "captures/" + LONG_DOOR + "/x.jpg",
            "p",
            "p/q",
            "p/",
            "./p",
            ".mpus-z",
            ".s3proxy-versions",
            "captures/%41.jpg",
            "captures/A.jpg",
            "enroll/B-1/Ana María López+1 (2).jpg",
            "trailing%",
            "emoji/\uD83D\uDE00");
    static final List<String> ALIASES = List.of("registry/badges/x.jpg", "captures/a.jpg", "x", "q");
    @TempDir
    static Path data;
    static S3Server s3;
    static S3Client client;
    static AsyncLambdaInvoker invoker;
    static final List<String> announced = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        LocalCa ca = LocalCa.openOrCreate(data.resolve("pki"));
        invoker = new AsyncLambdaInvoker(data.resolve("dead-letter"), data.resolve("pending"), "eu-west-1", 1, 100,
                Duration.ofMillis(20), Duration.ofSeconds(30), Clock.systemUTC());
        S3EventNotifier notifier = new S3EventNotifier(new S3EventJson("eu-west-1", "AWS:AK", "OWNER",
                Clock.systemUTC()), invoker);
        notifier.addRule(new NotificationRule("all", "", "", LambdaTarget.of("All",
                (RequestHandler<S3Event, Void>) (e, ctx) -> {
                    announced.add(e.getRecords().get(0).getS3().getObject().getUrlDecodedKey());
                    return null;
                })));
        s3 = S3Server.builder().baseDir(data.resolve("site/s3")).host("127.0.0.1").port(0).bucket(BUCKET)
                .credentials("AKLOCAL", "secret-local")
                .sslContext(TlsContexts.serverContext(ca.serverCredentials(Set.of()))).notifier(notifier)
                .build().start();
        client = LocalClients.s3(s3.endpoint(), "eu-west-1", "AKLOCAL", "secret-local", ca.certificatePath());
        for (String key : KEYS) {
            client.putObject(b -> b.bucket(BUCKET).key(key).contentType("text/plain"), RequestBody.fromString(key));
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        s3.close();
        invoker.close();
    }

    @Test
    void everyKeyRoundTripsUnderItsLiteralName() {
        for (String key : KEYS) {
            assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).as(key).isEqualTo(key);
            assertThat(client.headObject(b -> b.bucket(BUCKET).key(key)).contentLength()).as(key)
                    .isEqualTo(key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        assertThat(keys(client.listObjectsV2(b -> b.bucket(BUCKET)))).containsExactlyInAnyOrderElementsOf(KEYS);
    }

    @Test
    void dangerousKeysAliasNoOtherKey() {
        for (String alias : ALIASES) {
            assertThatThrownBy(() -> client.getObjectAsBytes(b -> b.bucket(BUCKET).key(alias))).as(alias)
                    .isInstanceOf(NoSuchKeyException.class);
        }
        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("captures/A.jpg")).asUtf8String())
                .isEqualTo("captures/A.jpg");
    }

    @Test
    void eachEventCarriesTheLiteralKey() {
        await().atMost(Duration.ofSeconds(10)).until(() -> announced.size() >= KEYS.size());
        assertThat(announced).containsAll(KEYS);
    }

    /**
     * A key whose dot segments climb above the bucket in the request path is refused by the HTTP layer (Jetty's URI
     * check, before any storage code) with a 400 InvalidURI; nothing is written anywhere.
     */
    @Test
    void aKeyClimbingAboveTheBucketPathIsRefusedWith400() throws Exception {
        assertThatThrownBy(() -> client.putObject(b -> b.bucket(BUCKET).key("../../../escape.txt"),
                RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        noFileIsWrittenOutsideTheBucketFolder();
    }

    @Test
    void noFileIsWrittenOutsideTheBucketFolder() throws Exception {
        Path bucketDir = data.resolve("site/s3").resolve(BUCKET);
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(data.resolve("pki")) && !f.startsWith(data.resolve("pending"))))
                    .isNotEmpty().allSatisfy(f -> assertThat(f).startsWith(bucketDir));
        }
        try (Stream<Path> names = Files.walk(bucketDir)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .allSatisfy(n -> assertThat(n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                            .isLessThanOrEqualTo(255))
                    .noneMatch(n -> n.equals("..") || n.equals(".") || n.startsWith(".mpus-"));
        }
    }

    @Test
    void listHasS3sPrefixAndDelimiterSemantics() {
        ListObjectsV2Response top = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("captures/").delimiter("/"));
        assertThat(keys(top)).containsExactlyInAnyOrder("captures/%41.jpg", "captures/A.jpg");
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix)
                .containsExactlyInAnyOrder("captures//", "captures/front-door-01/", "captures/" + LONG_DOOR + "/");
        assertThat(keys(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("captures/" + LONG_DOOR.substring(0, 250)))))
                .containsExactly("captures/" + LONG_DOOR + "/x.jpg");
        ListObjectsV2Response p = client.listObjectsV2(b -> b.bucket(BUCKET).prefix("p").delimiter("/"));
        assertThat(keys(p)).containsExactly("p");
        assertThat(p.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("p/");
        assertThat(keys(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("p/")))).containsExactly("p/", "p/q");
        assertThat(keys(client.listObjectsV2(b -> b.bucket(BUCKET).prefix(".")))).containsExactly("./p", ".mpus-z",
                ".s3proxy-versions");
        // Another delimiter than '/': S3 accepts any string.
        assertThat(client.listObjectsV2(b -> b.bucket(BUCKET).prefix("enroll/").delimiter(" ")).commonPrefixes())
                .extracting(CommonPrefix::prefix).containsExactly("enroll/B-1/Ana ");
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        List<String> paged = client.listObjectsV2Paginator(b -> b.bucket(BUCKET).maxKeys(3)).contents().stream()
                .map(S3Object::key).toList();
        assertThat(paged).containsExactlyElementsOf(keys(client.listObjectsV2(b -> b.bucket(BUCKET))));
    }

    @Test
    void deleteRemovesOnlyTheLiteralKey() {
        client.putObject(b -> b.bucket(BUCKET).key("del/a"), RequestBody.fromString("a"));
        client.putObject(b -> b.bucket(BUCKET).key("del/./a"), RequestBody.fromString("dot"));
        client.deleteObject(b -> b.bucket(BUCKET).key("del/./a"));
        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("del/a")).asUtf8String()).isEqualTo("a");
        assertThatThrownBy(() -> client.headObject(b -> b.bucket(BUCKET).key("del/./a")))
                .isInstanceOf(NoSuchKeyException.class);
        client.deleteObject(b -> b.bucket(BUCKET).key("del/a"));
    }

    @Test
    void aKeyOver1024BytesIsRefusedAsS3Does() {
        String tooLong = "k/" + "é".repeat(512); // 1026 UTF-8 bytes, 514 characters
        assertThatThrownBy(() -> client.putObject(b -> b.bucket(BUCKET).key(tooLong), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyTooLongError");
                });
        String longest = "k/" + "é".repeat(511); // 1024 bytes: accepted
        client.putObject(b -> b.bucket(BUCKET).key(longest), RequestBody.fromString("ok"));
        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(longest)).asUtf8String()).isEqualTo("ok");
        client.deleteObject(b -> b.bucket(BUCKET).key(longest));
    }

    private static List<String> keys(ListObjectsV2Response r) {
        return r.contents().stream().map(S3Object::key).toList();
    }
}

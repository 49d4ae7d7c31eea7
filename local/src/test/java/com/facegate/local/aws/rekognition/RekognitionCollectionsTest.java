package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.ACCESS_KEY;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.REGION;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.SECRET;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.client;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ConflictException;
import software.amazon.awssdk.services.rekognition.model.CreateCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.ListCollectionsResponse;
import software.amazon.awssdk.services.rekognition.model.ListUsersResponse;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.UserStatus;

/** Collections and Users API through the real AWS SDK v2 client, persistence across restart, and SigV4. */
class RekognitionCollectionsTest {

    @TempDir
    Path dataDir;

    private RekognitionServer server;
    private RekognitionClient rekognition;

    @BeforeEach
    void start() throws Exception {
        server = server(dataDir).start();
        rekognition = client(server);
    }

    @AfterEach
    void stop() {
        rekognition.close();
        server.close();
    }

    @Test
    void collectionLifecycle() {
        CreateCollectionResponse created = rekognition.createCollection(r -> r.collectionId("doors-hq"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.collectionArn())
                .isEqualTo("arn:aws:rekognition:" + REGION + ":000000000000:collection/doors-hq");
        // The ARN the policies (cloud/template.yaml's, mirrored by LocalPolicies) name: the access role may search
        // exactly this collection, and no other.
        com.facegate.local.aws.auth.Policy access = new com.facegate.local.stack.LocalPolicies("b", REGION,
                "doors-hq").role(com.facegate.local.stack.LocalRole.ACCESS_DECISION);
        assertThat(access.allows(com.facegate.local.aws.auth.AccessRequest.of("rekognition:SearchFacesByImage",
                created.collectionArn()), java.util.Map.of())).isTrue();
        assertThat(access.allows(com.facegate.local.aws.auth.AccessRequest.of("rekognition:SearchFacesByImage",
                created.collectionArn().substring("arn:".length())), java.util.Map.of())).isFalse();
        assertThat(created.faceModelVersion()).isNotBlank();

        DescribeCollectionResponse described = rekognition.describeCollection(r -> r.collectionId("doors-hq"));
        assertThat(described.faceCount()).isZero();
        assertThat(described.userCount()).isZero();
        assertThat(described.collectionARN()).isEqualTo(created.collectionArn());
        assertThat(described.creationTimestamp()).isBetween(java.time.Instant.now().minusSeconds(60),
                java.time.Instant.now().plusSeconds(1));

        assertThatThrownBy(() -> rekognition.createCollection(r -> r.collectionId("doors-hq")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThat(rekognition.listCollections(r -> { }).collectionIds()).containsExactly("doors-hq");

        assertThat(rekognition.deleteCollection(r -> r.collectionId("doors-hq")).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> rekognition.deleteCollection(r -> r.collectionId("doors-hq")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> rekognition.describeCollection(r -> r.collectionId("doors-hq")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(rekognition.listCollections(r -> { }).collectionIds()).isEmpty();
    }

    @Test
    void invalidIdsAreRejected() {
        assertThatThrownBy(() -> rekognition.createCollection(r -> r.collectionId("doors/../etc")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> rekognition.createCollection(r -> r.collectionId("x".repeat(256))))
                .isInstanceOf(InvalidParameterException.class);
        rekognition.createCollection(r -> r.collectionId("c1"));
        assertThatThrownBy(() -> rekognition.createUser(r -> r.collectionId("c1").userId("badge 7")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> rekognition.listCollections(r -> r.maxResults(-1)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listCollectionsPagesWithOpaqueTokens() {
        List<String> ids = List.of("c-a", "c-b", "c-c", "c-d", "c-e");
        ids.forEach(id -> rekognition.createCollection(r -> r.collectionId(id)));

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListCollectionsResponse page = rekognition.listCollections(r -> r.maxResults(2).nextToken(t));
            assertThat(page.collectionIds()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.faceModelVersions()).hasSameSizeAs(page.collectionIds());
            seen.addAll(page.collectionIds());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
        // The SDK's paginator follows the same tokens.
        assertThat(rekognition.listCollectionsPaginator(r -> r.maxResults(2)).collectionIds())
                .containsExactlyElementsOf(ids);

        String first = rekognition.listCollections(r -> r.maxResults(2)).nextToken();
        assertThat(first).startsWith("Yy1i.").doesNotContain("c-b"); // opaque, MAC-protected
        // Pointing the same MAC at another position ("c-a") must be refused.
        String forged = "Yy1h." + first.substring(first.indexOf('.') + 1);
        assertThatThrownBy(() -> rekognition.listCollections(r -> r.nextToken(forged)))
                .isInstanceOf(InvalidPaginationTokenException.class);
        assertThatThrownBy(() -> rekognition.listCollections(r -> r.nextToken("not-a-token")))
                .isInstanceOf(InvalidPaginationTokenException.class);
        // A ListCollections token is not accepted for another listing.
        assertThatThrownBy(() -> rekognition.listUsers(r -> r.collectionId("c-a").nextToken(first)))
                .isInstanceOf(InvalidPaginationTokenException.class);
    }

    @Test
    void usersLifecycleAndPaging() {
        rekognition.createCollection(r -> r.collectionId("staff"));
        for (int i = 0; i < 5; i++) {
            String id = "badge-" + i;
            rekognition.createUser(r -> r.collectionId("staff").userId(id));
        }
        assertThatThrownBy(() -> rekognition.createUser(r -> r.collectionId("staff").userId("badge-0")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> rekognition.createUser(r -> r.collectionId("nope").userId("badge-0")))
                .isInstanceOf(ResourceNotFoundException.class);

        ListUsersResponse first = rekognition.listUsers(r -> r.collectionId("staff").maxResults(3));
        assertThat(first.users()).extracting(u -> u.userId()).containsExactly("badge-0", "badge-1", "badge-2");
        assertThat(first.users()).allSatisfy(u -> assertThat(u.userStatus()).isEqualTo(UserStatus.CREATED));
        ListUsersResponse second = rekognition.listUsers(r -> r.collectionId("staff").maxResults(3)
                .nextToken(first.nextToken()));
        assertThat(second.users()).extracting(u -> u.userId()).containsExactly("badge-3", "badge-4");
        assertThat(second.nextToken()).isNull();

        rekognition.deleteUser(r -> r.collectionId("staff").userId("badge-1"));
        assertThatThrownBy(() -> rekognition.deleteUser(r -> r.collectionId("staff").userId("badge-1")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(rekognition.describeCollection(r -> r.collectionId("staff")).userCount()).isEqualTo(4);
    }

    @Test
    void collectionsAndUsersSurviveRestart() throws Exception {
        rekognition.createCollection(r -> r.collectionId("persist"));
        rekognition.createUser(r -> r.collectionId("persist").userId("badge-42"));
        rekognition.close();
        server.close();

        server = server(dataDir).start();
        rekognition = client(server);
        assertThat(rekognition.listCollections(r -> { }).collectionIds()).containsExactly("persist");
        assertThat(rekognition.listUsers(r -> r.collectionId("persist")).users())
                .extracting(u -> u.userId()).containsExactly("badge-42");
    }

    @Test
    void wrongCredentialsAreRefused() {
        try (RekognitionClient wrongSecret = client(server, ACCESS_KEY, "not-the-secret")) {
            assertThatThrownBy(() -> wrongSecret.listCollections(r -> { }))
                    .isInstanceOfSatisfying(RekognitionException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
        try (RekognitionClient unknownKey = client(server, "AKIDSTRANGER", SECRET)) {
            assertThatThrownBy(() -> unknownKey.listCollections(r -> { }))
                    .isInstanceOfSatisfying(RekognitionException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
        // Nothing was created by the refused calls.
        assertThat(rekognition.listCollections(r -> { }).collectionIds()).isEmpty();
    }

    @Test
    void unsignedRequestIsRefused() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "RekognitionService.CreateCollection")
                .POST(HttpRequest.BodyPublishers.ofString("{\"CollectionId\":\"sneaky\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"");
        assertThat(rekognition.listCollections(r -> { }).collectionIds()).isEmpty();
    }

    /** The AWS CLI (botocore) signs without x-amz-content-sha256; our verifier must accept it too. */
    @Test
    void awsCliListsCollections() throws Exception {
        String aws = onPath("aws");
        assumeTrue(aws != null, "AWS CLI ('aws') is not on PATH: CLI compatibility not checked");
        rekognition.createCollection(r -> r.collectionId("from-sdk"));
        ProcessBuilder pb = new ProcessBuilder(aws, "rekognition", "list-collections",
                "--endpoint-url", server.endpoint().toString(), "--output", "json");
        pb.environment().put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET);
        pb.environment().put("AWS_DEFAULT_REGION", REGION);
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        pb.environment().remove("AWS_SESSION_TOKEN");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("\"from-sdk\"");
    }

    private static String onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

}

package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.ACCESS_KEY;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.SECRET;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.ConflictException;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;

/**
 * Every operation the endpoint implements, called with the real AWS SDK v2 client, each raw response checked
 * against the shapes of botocore's Rekognition model ({@link RekognitionModel}); then the findings of the outside
 * review one by one (IndexFacesModelVersion, ClientRequestToken, DetectFaces Attributes and Pose, signing region).
 */
class RekognitionConformanceTest {
    @TempDir
    static Path dataDir;
    private static RekognitionServer server;
    private static RekognitionClient rekognition;
    private static final RekognitionS3AndLivenessTest.RawBodyInterceptor RAW =
            new RekognitionS3AndLivenessTest.RawBodyInterceptor();

    @BeforeAll
    static void start() throws Exception {
        RekognitionTestSupport.faces();
        server = server(dataDir).start();
        rekognition = client(Region.EU_WEST_1);
    }

    @AfterAll
    static void stop() {
        if (rekognition != null) {
            rekognition.close();
            server.close();
        }
    }

    static RekognitionClient client(Region region) {
        return RekognitionClient.builder().endpointOverride(server.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(RAW))
                .build();
    }

    private final List<String> problems = new ArrayList<>();

    private void conforms(String operation, RekognitionModel.Shape shape) {
        RekognitionModel.check(shape, RAW.last()).forEach(p -> problems.add(operation + " " + p));
    }

    @Test
    void givenEveryImplementedOperation_whenCalledWithTheSdk_thenEachResponseMatchesTheServiceModel()
            throws Exception {
        Image powell = image(photo("Colin_Powell", 1));
        Image powell2 = image(photo("Colin_Powell", 2));
        Image blair = image(photo("Tony_Blair", 1));
        rekognition.createCollection(r -> r.collectionId("model"));
        conforms("CreateCollection", RekognitionModel.CREATE_COLLECTION);
        rekognition.describeCollection(r -> r.collectionId("model"));
        conforms("DescribeCollection", RekognitionModel.DESCRIBE_COLLECTION);
        rekognition.listCollections(r -> r.maxResults(10));
        conforms("ListCollections", RekognitionModel.LIST_COLLECTIONS);

        String first = rekognition.indexFaces(r -> r.collectionId("model").image(powell).externalImageId("badge-1")
                .detectionAttributes(Attribute.ALL)).faceRecords().get(0).face().faceId();
        conforms("IndexFaces", RekognitionModel.INDEX_FACES);
        String second = rekognition.indexFaces(r -> r.collectionId("model").image(powell2)).faceRecords().get(0)
                .face().faceId();
        conforms("IndexFaces", RekognitionModel.INDEX_FACES);
        String other = rekognition.indexFaces(r -> r.collectionId("model").image(blair)).faceRecords().get(0)
                .face().faceId();
        rekognition.listFaces(r -> r.collectionId("model").maxResults(2));
        conforms("ListFaces", RekognitionModel.LIST_FACES);
        rekognition.searchFaces(r -> r.collectionId("model").faceId(first));
        conforms("SearchFaces", RekognitionModel.SEARCH_FACES);
        rekognition.searchFacesByImage(r -> r.collectionId("model").image(powell2));
        conforms("SearchFacesByImage", RekognitionModel.SEARCH_FACES_BY_IMAGE);
        for (Attribute a : List.of(Attribute.DEFAULT, Attribute.ALL, Attribute.AGE_RANGE)) {
            rekognition.detectFaces(r -> r.image(powell).attributes(a));
            conforms("DetectFaces " + a, RekognitionModel.DETECT_FACES);
        }
        rekognition.compareFaces(r -> r.sourceImage(powell).targetImage(powell2));
        conforms("CompareFaces", RekognitionModel.COMPARE_FACES);

        rekognition.createUser(r -> r.collectionId("model").userId("badge-1"));
        conforms("CreateUser", RekognitionModel.EMPTY);
        rekognition.listUsers(r -> r.collectionId("model"));
        conforms("ListUsers", RekognitionModel.LIST_USERS);
        rekognition.associateFaces(r -> r.collectionId("model").userId("badge-1")
                .faceIds(first, second, "00000000-0000-0000-0000-000000000000"));
        conforms("AssociateFaces", RekognitionModel.ASSOCIATE_FACES);
        rekognition.searchUsers(r -> r.collectionId("model").faceId(other));
        conforms("SearchUsers", RekognitionModel.SEARCH_USERS);
        rekognition.searchUsersByImage(r -> r.collectionId("model").image(powell2));
        conforms("SearchUsersByImage", RekognitionModel.SEARCH_USERS_BY_IMAGE);
        rekognition.deleteFaces(r -> r.collectionId("model")
                .faceIds(first, other, "00000000-0000-0000-0000-000000000000"));
        conforms("DeleteFaces", RekognitionModel.DELETE_FACES);
        assertThat(RAW.last().get("DeletedFaces")).as("the face not associated is deleted").hasSize(1);
        assertThat(RAW.last().get("UnsuccessfulFaceDeletions")).as("associated and unknown faces").hasSize(2);
        rekognition.disassociateFaces(r -> r.collectionId("model").userId("badge-1").faceIds(first, other));
        conforms("DisassociateFaces", RekognitionModel.DISASSOCIATE_FACES);
        rekognition.deleteUser(r -> r.collectionId("model").userId("badge-1"));
        conforms("DeleteUser", RekognitionModel.EMPTY);
        rekognition.deleteCollection(r -> r.collectionId("model"));
        conforms("DeleteCollection", RekognitionModel.DELETE_COLLECTION);

        assertThat(problems).isEmpty();
    }

    /** The checker itself: what the review found before the fix is reported, member by member. */
    @Test
    void givenABodyThatBreaksTheModel_whenChecked_thenEachDepartureIsNamed() throws Exception {
        JsonNode before = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"Faces\": [{\"FaceId\":"
                + " \"0d4a55e1-63ab-4dbb-a4a1-ad0b71bb2a1c\", \"IndexFacesModelVersion\": \"facegate-1.0\","
                + " \"Confidence\": 120, \"Colour\": \"red\"}], \"FaceModelVersion\": \"facegate-1.0\"}");
        assertThat(RekognitionModel.check(RekognitionModel.LIST_FACES, before)).containsExactlyInAnyOrder(
                "$.Faces[0].IndexFacesModelVersion: 'facegate-1.0' breaks [0-9\\.]+ {0,2147483647}",
                "$.Faces[0].Confidence: 120 is not a number in [0.0, 100.0]",
                "$.Faces[0]: member Colour is not in the model");
    }

    @Test
    void givenTheModelsPattern_whenAFaceIsIndexed_thenIndexFacesModelVersionIsNumeric() throws Exception {
        rekognition.createCollection(r -> r.collectionId("version"));
        Image face = image(photo("Laura_Bush", 1));
        var indexed = rekognition.indexFaces(r -> r.collectionId("version").image(face)).faceRecords().get(0);
        assertThat(indexed.face().indexFacesModelVersion()).matches("[0-9.]+");
        assertThat(rekognition.listFaces(r -> r.collectionId("version")).faces().get(0).indexFacesModelVersion())
                .matches("[0-9.]+");
    }

    @Test
    void givenAClientRequestToken_whenCreateUserOrDeleteUserIsRetried_thenTheRetrySucceedsAndOnlyANewTokenConflicts() {
        rekognition.createCollection(r -> r.collectionId("tokens"));
        rekognition.createUser(r -> r.collectionId("tokens").userId("badge-9").clientRequestToken("create-1"));
        rekognition.createUser(r -> r.collectionId("tokens").userId("badge-9").clientRequestToken("create-1"));
        assertThatThrownBy(() -> rekognition.createUser(r -> r.collectionId("tokens").userId("badge-9")
                .clientRequestToken("create-2"))).isInstanceOf(ConflictException.class);
        assertThat(rekognition.listUsers(r -> r.collectionId("tokens")).users()).hasSize(1);

        rekognition.deleteUser(r -> r.collectionId("tokens").userId("badge-9").clientRequestToken("delete-1"));
        rekognition.deleteUser(r -> r.collectionId("tokens").userId("badge-9").clientRequestToken("delete-1"));
        assertThatThrownBy(() -> rekognition.deleteUser(r -> r.collectionId("tokens").userId("badge-9")
                .clientRequestToken("delete-2"))).isInstanceOf(ResourceNotFoundException.class);
        // A re-created user is a new one: the old creation token no longer stands for it.
        rekognition.createUser(r -> r.collectionId("tokens").userId("badge-9").clientRequestToken("create-3"));
        assertThatThrownBy(() -> rekognition.createUser(r -> r.collectionId("tokens").userId("badge-9")
                .clientRequestToken("create-1"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> rekognition.createUser(r -> r.collectionId("tokens").userId("badge-8")
                .clientRequestToken("not a token!"))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void givenDetectFacesAttributes_whenSomeAreAsked_thenOnlyThoseJoinTheDefaultSetAndUnknownOnesAreRefused()
            throws Exception {
        Image face = image(photo("Laura_Bush", 2));
        FaceDetail defaults = rekognition.detectFaces(r -> r.image(face)).faceDetails().get(0);
        FaceDetail age = rekognition.detectFaces(r -> r.image(face).attributes(Attribute.AGE_RANGE))
                .faceDetails().get(0);
        JsonNode raw = RAW.last().get("FaceDetails").get(0);
        FaceDetail all = rekognition.detectFaces(r -> r.image(face).attributes(Attribute.ALL)).faceDetails().get(0);

        assertThat(age.ageRange()).isNotNull();
        assertThat(raw.has("Gender") || raw.has("Emotions") || raw.has("Smile") || raw.has("EyesOpen")).isFalse();
        assertThat(raw.has("BoundingBox") && raw.has("Confidence") && raw.has("Landmarks") && raw.has("Pose")
                && raw.has("Quality")).as("the default set is always returned").isTrue();
        assertThat(all.gender()).isNotNull();
        assertThat(all.emotions()).isNotEmpty();
        assertThat(all.landmarks()).isEqualTo(defaults.landmarks());
        // One pose whatever was asked, as Rekognition answers (the pose network's yaw and pitch in both).
        assertThat(all.pose()).isEqualTo(defaults.pose());
        assertThat(age.pose()).isEqualTo(defaults.pose());
        // No measured model for these: absent rather than invented (README, docs/face-engine.md).
        assertThat(all.beard()).isNull();
        assertThat(all.sunglasses()).isNull();
        assertThat(all.faceOccluded()).isNull();
        assertThat(all.eyeDirection()).isNull();

        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(face).attributesWithStrings("AGE")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("AGE");
        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(face).attributesWithStrings("all")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void givenAClientSigningForAnotherRegion_whenItCalls_thenTheSignatureIsVerifiedAndAccepted() {
        try (RekognitionClient usEast = client(Region.US_EAST_1); RekognitionClient wrongSecret =
                RekognitionClient.builder().endpointOverride(server.endpoint()).region(Region.AP_SOUTHEAST_2)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS_KEY, "not-the-secret")))
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertThat(usEast.listCollections().collectionIds()).isNotNull();
            assertThatThrownBy(wrongSecret::listCollections).hasMessageContaining("signature");
        }
    }
}

package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.grid;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AssociateFacesResponse;
import software.amazon.awssdk.services.rekognition.model.DeleteFacesResponse;
import software.amazon.awssdk.services.rekognition.model.DisassociateFacesResponse;
import software.amazon.awssdk.services.rekognition.model.SearchUsersByImageResponse;
import software.amazon.awssdk.services.rekognition.model.SearchUsersResponse;
import software.amazon.awssdk.services.rekognition.model.UserStatus;

/** Users API with real faces: association rules, SearchUsers and SearchUsersByImage, erasure order. */
class RekognitionUsersTest {

    private static String index(RekognitionClient rekognition, String person, int n) throws Exception {
        byte[] bytes = photo(person, n);
        return rekognition.indexFaces(r -> r.collectionId("staff").image(image(bytes)).maxFaces(1))
                .faceRecords().get(0).face().faceId();
    }

    @Test
    void usersOwnFacesAndAreFoundByImage() throws Exception {
        RekognitionFixture.run((endpoint, rekognition) -> {
            rekognition.createCollection(r -> r.collectionId("staff"));
            String powell1 = index(rekognition, "Colin_Powell", 1);
            String powell2 = index(rekognition, "Colin_Powell", 6);
            String blair1 = index(rekognition, "Tony_Blair", 1);
            String blair2 = index(rekognition, "Tony_Blair", 7);
            rekognition.createUser(r -> r.collectionId("staff").userId("badge-1001"));
            rekognition.createUser(r -> r.collectionId("staff").userId("badge-1002"));

            AssociateFacesResponse first = rekognition.associateFaces(r -> r.collectionId("staff").userId("badge-1001")
                    .faceIds(powell1));
            assertThat(first.associatedFaces()).extracting(f -> f.faceId()).containsExactly(powell1);
            assertThat(first.userStatus()).isEqualTo(UserStatus.ACTIVE);

            // A second face must resemble the user's existing faces; someone else's face is refused.
            AssociateFacesResponse mixed = rekognition.associateFaces(r -> r.collectionId("staff").userId("badge-1001")
                    .faceIds(powell2, blair1, "00000000-0000-0000-0000-000000000000"));
            assertThat(mixed.associatedFaces()).extracting(f -> f.faceId()).containsExactly(powell2);
            assertThat(mixed.unsuccessfulFaceAssociations()).extracting(u -> u.faceId(), u -> u.reasonsAsStrings())
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(blair1, List.of("LOW_MATCH_CONFIDENCE")),
                            org.assertj.core.groups.Tuple.tuple("00000000-0000-0000-0000-000000000000",
                                    List.of("FACE_NOT_FOUND")));

            rekognition.associateFaces(r -> r.collectionId("staff").userId("badge-1002").faceIds(blair1, blair2));
            AssociateFacesResponse stolen = rekognition.associateFaces(r -> r.collectionId("staff").userId("badge-1002")
                    .faceIds(powell1));
            assertThat(stolen.unsuccessfulFaceAssociations()).singleElement().satisfies(u -> {
                assertThat(u.reasonsAsStrings()).containsExactly("ASSOCIATED_TO_A_DIFFERENT_USER");
                assertThat(u.userId()).isEqualTo("badge-1001");
            });

            byte[] probe = photo("Colin_Powell", 8);
            SearchUsersByImageResponse byImage = rekognition.searchUsersByImage(r -> r.collectionId("staff")
                    .image(image(probe)));
            assertThat(byImage.userMatches()).isNotEmpty();
            assertThat(byImage.userMatches().get(0).user().userId()).isEqualTo("badge-1001");
            assertThat(byImage.userMatches().get(0).user().userStatus()).isEqualTo(UserStatus.ACTIVE);
            assertThat(byImage.userMatches().get(0).similarity()).isGreaterThanOrEqualTo(80f);
            assertThat(byImage.userMatches()).extracting(m -> m.user().userId()).doesNotContain("badge-1002");
            assertThat(byImage.searchedFace().faceDetail().boundingBox()).isNotNull();

            byte[] pair = grid(List.of(photo("Tony_Blair", 9), photo("Hugo_Chavez", 1)), 2);
            SearchUsersByImageResponse two = rekognition.searchUsersByImage(r -> r.collectionId("staff")
                    .image(image(pair)));
            assertThat(two.unsearchedFaces()).singleElement()
                    .satisfies(u -> assertThat(u.reasonsAsStrings()).containsExactly("FACE_NOT_LARGEST"));

            SearchUsersResponse byFace = rekognition.searchUsers(r -> r.collectionId("staff").faceId(powell2));
            assertThat(byFace.userMatches()).extracting(m -> m.user().userId()).containsExactly("badge-1001");
            assertThat(byFace.searchedFace().faceId()).isEqualTo(powell2);
            SearchUsersResponse byUser = rekognition.searchUsers(r -> r.collectionId("staff").userId("badge-1002"));
            assertThat(byUser.userMatches()).extracting(m -> m.user().userId())
                    .doesNotContain("badge-1002", "badge-1001");

            assertThat(rekognition.listFaces(r -> r.collectionId("staff").userId("badge-1001")).faces())
                    .extracting(f -> f.faceId()).containsExactlyInAnyOrder(powell1, powell2)
                    .hasSize(2);

            // Erasure order, as in Rekognition: faces owned by a user cannot be deleted until released.
            DeleteFacesResponse refused = rekognition.deleteFaces(r -> r.collectionId("staff").faceIds(powell1));
            assertThat(refused.unsuccessfulFaceDeletions()).singleElement()
                    .satisfies(u -> assertThat(u.reasonsAsStrings()).containsExactly("ASSOCIATED_TO_AN_EXISTING_USER"));
            DisassociateFacesResponse released = rekognition.disassociateFaces(r -> r.collectionId("staff")
                    .userId("badge-1001").faceIds(powell1, blair1));
            assertThat(released.disassociatedFaces()).extracting(f -> f.faceId()).containsExactly(powell1);
            assertThat(released.unsuccessfulFaceDisassociations()).singleElement()
                    .satisfies(u -> assertThat(u.reasonsAsStrings()).containsExactly("ASSOCIATED_TO_A_DIFFERENT_USER"));
            assertThat(rekognition.deleteFaces(r -> r.collectionId("staff").faceIds(powell1)).deletedFaces())
                    .containsExactly(powell1);

            rekognition.deleteUser(r -> r.collectionId("staff").userId("badge-1001"));
            assertThat(rekognition.searchUsersByImage(r -> r.collectionId("staff").image(image(probe))).userMatches())
                    .extracting(m -> m.user().userId()).doesNotContain("badge-1001");
            // The user's remaining face stays in the collection, unowned, and can now be deleted.
            assertThat(rekognition.deleteFaces(r -> r.collectionId("staff").faceIds(powell2)).deletedFaces())
                    .containsExactly(powell2);
        });
    }
}

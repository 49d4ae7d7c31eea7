package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.client;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.facegate.engine.image.TestImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;

/**
 * Images as Rekognition treats them, through the real SDK: a phone's portrait photo (rotated pixels plus EXIF
 * Orientation 6) is analysed upright and matched; a real 30000×30000 PNG bomb and a tiny PNG claiming
 * 20000×20000 are refused as ImageTooLargeException by every image-taking call, and the server keeps working.
 */
class RekognitionImageOrientationTest {
    @TempDir
    static Path dataDir;

    private static RekognitionServer server;
    private static RekognitionClient rekognition;

    @BeforeAll
    static void start() throws Exception {
        RekognitionTestSupport.faces();
        server = server(dataDir).start();
        rekognition = client(server);
        rekognition.createCollection(r -> r.collectionId("phones"));
    }

    @AfterAll
    static void stop() {
        if (rekognition != null) {
            rekognition.close();
            server.close();
        }
    }

    @Test
    void givenAPhonePortraitWithOrientation6_thenItIsDetectedIndexedAndMatchedUpright() throws Exception {
        byte[] portrait = TestImages.phonePortrait(photo("Colin_Powell", 1));

        List<FaceDetail> faces = rekognition.detectFaces(r -> r.image(image(portrait))).faceDetails();
        assertThat(faces).hasSize(1);
        assertThat(Math.abs(faces.get(0).pose().roll())).as("upright").isLessThan(20f);
        // Boxes are relative to the upright 250 x 250 picture: the face is near the middle, not on its side.
        assertThat(faces.get(0).boundingBox().left()).isBetween(0.15f, 0.5f);

        IndexFacesResponse indexed = rekognition.indexFaces(r -> r.collectionId("phones").image(image(portrait))
                .externalImageId("B-PHONE-1").maxFaces(1).qualityFilter(QualityFilter.AUTO));
        assertThat(indexed.faceRecords()).hasSize(1);
        assertThat(indexed.unindexedFaces()).isEmpty();

        // The door's upright camera frame of the same person finds the phone-enrolled face...
        byte[] doorFrame = photo("Colin_Powell", 2);
        var byDoor = rekognition.searchFacesByImage(r -> r.collectionId("phones").image(image(doorFrame))
                .faceMatchThreshold(80f)).faceMatches();
        assertThat(byDoor).extracting(m -> m.face().externalImageId()).containsExactly("B-PHONE-1");
        // ...and a portrait of someone else does not.
        byte[] stranger = TestImages.phonePortrait(photo("Tony_Blair", 1));
        assertThat(rekognition.searchFacesByImage(r -> r.collectionId("phones").image(image(stranger))
                .faceMatchThreshold(80f)).faceMatches()).isEmpty();
    }

    @Test
    void givenDecompressionBombs_thenEveryImageCallRefusesThemAsTooLargeAndTheServerStaysUp() throws Exception {
        byte[] bomb = TestImages.pngBomb(30_000, 30_000);
        byte[] claim = TestImages.pngClaiming(20_000, 20_000);
        for (byte[] b : List.of(bomb, claim)) {
            assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(image(b))))
                    .isInstanceOf(ImageTooLargeException.class);
            assertThatThrownBy(() -> rekognition.indexFaces(r -> r.collectionId("phones").image(image(b))))
                    .isInstanceOf(ImageTooLargeException.class);
            assertThatThrownBy(() -> rekognition.searchFacesByImage(r -> r.collectionId("phones").image(image(b))))
                    .isInstanceOf(ImageTooLargeException.class);
        }
        byte[] ok = photo("Tony_Blair", 2);
        assertThat(rekognition.detectFaces(r -> r.image(image(ok))).faceDetails()).hasSize(1);
    }
}

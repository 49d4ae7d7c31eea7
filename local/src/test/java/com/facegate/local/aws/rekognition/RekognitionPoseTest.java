package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.engine.Face;
import com.facegate.engine.FaceEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.Pose;

/**
 * One pose per face, as Rekognition has: DetectFaces without Attributes, with ["ALL"] and with ["AGE_RANGE"],
 * IndexFaces' FaceDetail and CompareFaces' ComparedFace all report the pose network's yaw and pitch for the same
 * image, never the door's landmark-geometry estimate. Also prints what measuring it costs a DetectFaces call.
 */
class RekognitionPoseTest {
    /** Near-frontal to strongly turned, as measured; Ricardo_Lagos_0001 is the one fr_pose calls 68° of yaw. */
    static final List<String[]> PHOTOS = List.of(new String[] {"David_Beckham", "2"},
            new String[] {"Ricardo_Lagos", "1"}, new String[] {"Tony_Blair", "1"},
            new String[] {"Silvio_Berlusconi", "4"}, new String[] {"Colin_Powell", "3"});

    @Test
    void everyOperationReportsTheMeasuredPoseWhateverWasAsked() throws Exception {
        RekognitionFixture.run((endpoint, rekognition) -> {
            rekognition.createCollection(r -> r.collectionId("poses"));
            float largestGap = 0;
            for (String[] p : PHOTOS) {
                byte[] bytes = photo(p[0], Integer.parseInt(p[1]));
                Image img = image(bytes);
                String who = p[0] + " " + p[1];
                // DEFAULT first: the ALL call after it is analysed afresh, not served from the DEFAULT result.
                Pose plain = rekognition.detectFaces(r -> r.image(img)).faceDetails().get(0).pose();
                Pose all = rekognition.detectFaces(r -> r.image(img).attributes(Attribute.ALL)).faceDetails().get(0)
                        .pose();
                Pose age = rekognition.detectFaces(r -> r.image(img).attributesWithStrings("AGE_RANGE"))
                        .faceDetails().get(0).pose();
                assertThat(all).as(who).isEqualTo(plain);
                assertThat(age).as(who).isEqualTo(plain);

                Face.Pose measured = RekognitionTestSupport.engine().analyze(bytes, FaceEngine.Detail.POSE).get(0)
                        .pose();
                assertThat(plain.yaw()).as(who).isEqualTo(measured.yaw());
                assertThat(plain.pitch()).as(who).isEqualTo(measured.pitch());
                assertThat(plain.roll()).as(who).isEqualTo(measured.roll());
                Face.Pose geometric = RekognitionTestSupport.engine().analyze(bytes, FaceEngine.Detail.DEFAULT)
                        .get(0).pose();
                largestGap = Math.max(largestGap, Math.abs(geometric.yaw() - measured.yaw()));

                // NONE: a face the network calls strongly turned is indexed too, so its FaceDetail can be compared.
                IndexFacesResponse indexed = rekognition.indexFaces(r -> r.collectionId("poses").image(img)
                        .externalImageId(p[0]).maxFaces(1).qualityFilter("NONE"));
                assertThat(indexed.faceRecords()).as(who).hasSize(1);
                assertThat(indexed.faceRecords().get(0).faceDetail().pose()).as(who).isEqualTo(plain);
                IndexFacesResponse withAll = rekognition.indexFaces(r -> r.collectionId("poses").image(img)
                        .maxFaces(1).qualityFilter("NONE").detectionAttributesWithStrings("ALL"));
                assertThat(withAll.faceRecords().get(0).faceDetail().pose()).as(who).isEqualTo(plain);

                Pose compared = rekognition.compareFaces(r -> r.sourceImage(img).targetImage(img))
                        .faceMatches().get(0).face().pose();
                assertThat(compared).as(who).isEqualTo(plain);
            }
            // Not the geometry: on these photos the two estimates differ by more than any rounding.
            assertThat(largestGap).isGreaterThan(5f);
        });
    }

    /** What the pose network adds to a DetectFaces call (printed, not asserted: the machine is shared). */
    @Test
    void printsWhatMeasuringThePoseCostsADetectFacesCall() throws Exception {
        FaceEngine engine = RekognitionTestSupport.engine();
        engine.analyze(photo("Colin_Powell", 1), FaceEngine.Detail.POSE); // loads fr_pose if no test has
        long geometry = 0;
        long measured = 0;
        int n = 0;
        for (int round = 0; round < 3; round++) {
            for (String[] p : PHOTOS) {
                byte[] bytes = photoOf(p);
                long t0 = System.nanoTime();
                engine.analyze(bytes, FaceEngine.Detail.DEFAULT);
                long t1 = System.nanoTime();
                engine.analyze(bytes, FaceEngine.Detail.POSE);
                geometry += t1 - t0;
                measured += System.nanoTime() - t1;
                n++;
            }
        }
        long[] calls = new long[1];
        RekognitionFixture.run((uri, rekognition) -> {
            Image warmUp = image(photo("Colin_Powell", 1));
            rekognition.detectFaces(r -> r.image(warmUp)); // connection set up
            for (String[] p : PHOTOS) {
                byte[] bytes = photoOf(p); // each photo once: a fresh server has no earlier analysis of it
                long t0 = System.nanoTime();
                List<FaceDetail> faces = rekognition.detectFaces(r -> r.image(image(bytes))).faceDetails();
                calls[0] += System.nanoTime() - t0;
                assertThat(faces).isNotEmpty();
            }
        });
        System.out.printf("DetectFaces pose cost: engine DEFAULT %.1f ms, POSE %.1f ms per photo (+%.1f ms for "
                + "fr_pose); DetectFaces over loopback HTTP %.1f ms per photo%n", geometry / 1e6 / n,
                measured / 1e6 / n, (measured - geometry) / 1e6 / n, calls[0] / 1e6 / PHOTOS.size());
    }

    private static byte[] photoOf(String[] p) throws java.io.IOException {
        return photo(p[0], Integer.parseInt(p[1]));
    }
}

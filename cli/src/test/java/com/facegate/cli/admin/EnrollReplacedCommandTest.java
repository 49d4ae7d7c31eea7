package com.facegate.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.ImageHeader;
import com.facegate.cloud.enroll.PhotoQualityGate;
import com.facegate.engine.OnnxFaceEngine;
import com.facegate.local.deploy.CloudDeployment;
import com.facegate.local.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * {@code admin enroll} when a photo of the batch is enrolled and then replaced by a better one of the same batch: a
 * local stack whose badges keep one photo, with one enrollment worker so photos are enrolled in upload order. The
 * photos are ranked by measuring them with the gate's own score on the same endpoint, never by a hard-coded score.
 */
class EnrollReplacedCommandTest {
    static final String COLIN = "Colin_Powell";

    @TempDir
    static Path tmp;

    static LocalStack stack;
    static CloudDeployment cloud;
    static Path data;

    @BeforeAll
    static void start() {
        data = tmp.resolve("data");
        stack = LocalStack.builder().dataDir(data).anyFreePorts().faceEngine(OnnxFaceEngine.load())
                .mqttPersistent(false).lambdaWorkers(1).build().start();
        cloud = CloudDeployment.deploy(stack, c -> c.toBuilder().maxPhotosPerBadge(1).build());
    }

    @AfterAll
    static void stop() {
        if (cloud != null) {
            cloud.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Colin's first photos that pass the gate, by their quality score (lowest first). */
    static List<Path> rankedPhotos(int wanted) throws IOException {
        PhotoQualityGate gate = new PhotoQualityGate(PhotoQualityGate.Limits.defaults());
        Map<Double, Path> byScore = new TreeMap<>();
        for (int n = 1; byScore.size() < wanted + 2 && n <= 30; n++) {
            Path p = AdminCommandTest.lfw().resolve(COLIN).resolve(String.format("%s_%04d.jpg", COLIN, n));
            if (!Files.isRegularFile(p)) {
                break;
            }
            byte[] bytes = Files.readAllBytes(p);
            List<FaceDetail> faces = stack.rekognitionClient().detectFaces(b -> b.attributes(Attribute.ALL)
                    .image(i -> i.bytes(SdkBytes.fromByteArray(bytes)))).faceDetails();
            if (gate.problems(faces, ImageHeader.read(bytes).height()).isEmpty()) {
                byScore.put(gate.score(faces), p);
            }
        }
        List<Path> ranked = new ArrayList<>(byScore.values());
        assertThat(ranked).as("photos of %s passing the gate", COLIN).hasSizeGreaterThanOrEqualTo(wanted);
        System.out.println("FIGURE photos by quality score: " + byScore);
        return ranked.subList(0, wanted);
    }

    @Test
    void aPhotoReplacedWithinItsOwnBatchIsReportedReplacedAndTheRunSucceeds() throws IOException {
        // Worst first: it enrolls alone (the badge's first face); the other two go together, better after good.
        List<Path> ranked = rankedPhotos(3);
        Path worst = ranked.get(0);
        Path good = ranked.get(1);
        Path best = ranked.get(2);

        AdminCommandTest.Run r = AdminCommandTest.run("enroll", "B-REPLACED", worst.toString(), good.toString(),
                best.toString(), "--name", "Colin Powell", "--groups", "staff", "--valid-until", "+365d",
                "--consent-notice", "privacy-v3", "--enrolled-by", "desk", "--timeout",
                Duration.ofSeconds(90).toSeconds() + "s", "--data", data.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String goodName = good.getFileName().toString();
        String bestName = best.getFileName().toString();
        // Reported REPLACED when the wait first reads it, or reported OK and then again once the best replaced it.
        assertThat(r.out()).containsPattern(goodName + " +REPLACED +by " + bestName + " ");
        assertThat(r.out()).containsPattern("\\[\\d/3] " + bestName + " +OK +face ");
        // The first photo was reported enrolled, then replaced by the good one: reported again as it is now.
        assertThat(r.out()).containsPattern(worst.getFileName() + " +REPLACED +by " + goodName + " ");
        assertThat(r.out()).contains("badge B-REPLACED: 1 of 3 photo(s) enrolled, 0 rejected, 2 replaced by better"
                + " ones");
        assertThat(r.err()).doesNotContain("timed out");
        assertThat(stack.rekognitionClient().listFacesPaginator(b -> b.collectionId(cloud.config().collectionId()))
                .faces().stream().filter(f -> "B-REPLACED".equals(f.externalImageId())).count()).isEqualTo(1);

        AdminCommandTest.Run status = AdminCommandTest.run("status", "B-REPLACED", "--data", data.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out().lines().filter(l -> l.contains("REPLACED  by photo-"))).hasSize(2);
    }
}

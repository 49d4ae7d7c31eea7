package com.facegate.local.aws.rekognition;

import static com.facegate.local.aws.rekognition.RekognitionTestSupport.client;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.image;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.jpeg;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.photo;
import static com.facegate.local.aws.rekognition.RekognitionTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.UnindexedFace;

/** QualityFilter on IndexFaces and SearchFacesByImage: dark, blurred and tiny faces are named, not indexed. */
class RekognitionQualityFilterTest {

    @TempDir
    static Path dataDir;

    private static RekognitionServer server;
    private static RekognitionClient rekognition;
    private static BufferedImage face;

    @BeforeAll
    static void start() throws Exception {
        RekognitionTestSupport.faces();
        server = server(dataDir).start();
        rekognition = client(server);
        rekognition.createCollection(r -> r.collectionId("q"));
        face = ImageIO.read(new ByteArrayInputStream(photo("Tony_Blair", 1)));
    }

    @AfterAll
    static void stop() {
        if (rekognition != null) {
            rekognition.close();
            server.close();
        }
    }

    private static IndexFacesResponse index(byte[] bytes, String filter) {
        return rekognition.indexFaces(r -> r.collectionId("q").image(image(bytes)).qualityFilter(filter).maxFaces(1));
    }

    /** Reasons given for the largest face when it was not indexed. */
    private static java.util.List<String> reasonsForLargest(IndexFacesResponse response) {
        assertThat(response.faceRecords()).isEmpty();
        UnindexedFace largest = response.unindexedFaces().stream()
                .max(java.util.Comparator.comparingDouble(u -> u.faceDetail().boundingBox().width()))
                .orElseThrow();
        return largest.reasonsAsStrings();
    }

    @Test
    void darkFaceIsLowBrightnessUnlessFilterIsNone() throws Exception {
        byte[] dark = jpeg(new RescaleOp(0.15f, 0, null).filter(face, null));
        assertThat(reasonsForLargest(index(dark, "AUTO"))).contains("LOW_BRIGHTNESS");
        assertThat(index(dark, "NONE").faceRecords()).hasSize(1);
        assertThatThrownBy(() -> rekognition.searchFacesByImage(r -> r.collectionId("q").image(image(dark))
                .qualityFilter("HIGH"))).isInstanceOf(InvalidParameterException.class);
        rekognition.searchFacesByImage(r -> r.collectionId("q").image(image(dark)).qualityFilter("NONE"));
    }

    @Test
    void blurredFaceIsLowSharpness() throws Exception {
        byte[] blurred = jpeg(rescale(rescale(face, 24), 250));
        assertThat(reasonsForLargest(index(blurred, "AUTO"))).contains("LOW_SHARPNESS");
    }

    @Test
    void tinyFaceIsSmallBoundingBox() throws Exception {
        byte[] tiny = jpeg(rescale(face, 48));
        assertThat(reasonsForLargest(index(tiny, "MEDIUM"))).contains("SMALL_BOUNDING_BOX");
        assertThat(index(jpeg(face), "HIGH").faceRecords()).hasSize(1);
    }

    private static BufferedImage rescale(BufferedImage src, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        return out;
    }
}

package com.facegate.cloud;

import static com.facegate.engine.image.TestImages.withOrientation;
import static org.assertj.core.api.Assertions.assertThat;

import com.facegate.cloud.enroll.EnrollmentReasons;
import com.facegate.cloud.enroll.PhotoQualityGate;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * The header's width and height are the upright ones, as Rekognition measures the image: a phone's portrait JPEG
 * (landscape pixels plus EXIF Orientation 6) is taller than wide, so enrollment's FACE_TOO_SMALL check scales a
 * face's height ratio by the right side.
 */
class ImageHeaderTest {
    /** Stored pixels: landscape, 400 wide and 200 high. */
    static final int STORED_W = 400;
    static final int STORED_H = 200;

    @Test
    void orientationsFiveToEightSwapWidthAndHeight() throws Exception {
        byte[] stored = jpeg(STORED_W, STORED_H);
        assertThat(ImageHeader.read(stored)).isEqualTo(new ImageHeader(ImageHeader.Check.OK, 400, 200));
        for (int orientation = 1; orientation <= 8; orientation++) {
            ImageHeader h = ImageHeader.read(withOrientation(stored, orientation));
            boolean quarterTurn = orientation >= 5;
            assertThat(h.check()).as("orientation %d", orientation).isEqualTo(ImageHeader.Check.OK);
            assertThat(h.width()).as("orientation %d", orientation).isEqualTo(quarterTurn ? 200 : 400);
            assertThat(h.height()).as("orientation %d", orientation).isEqualTo(quarterTurn ? 400 : 200);
        }
    }

    @Test
    void aPortraitPhonePhotosFaceIsMeasuredAgainstItsUprightHeight() throws Exception {
        byte[] portrait = withOrientation(jpeg(STORED_W, STORED_H), 6);
        ImageHeader header = ImageHeader.read(portrait);
        // Rekognition's box is relative to the upright image: 0.2 of 400 px is 80 px, above the 64 px floor.
        List<FaceDetail> face = List.of(FaceDetail.builder().confidence(99f)
                .boundingBox(BoundingBox.builder().left(0.3f).top(0.3f).width(0.4f).height(0.2f).build()).build());
        PhotoQualityGate gate = new PhotoQualityGate(PhotoQualityGate.Limits.defaults());
        assertThat(gate.problems(face, header.height())).doesNotContain(EnrollmentReasons.FACE_TOO_SMALL);
        // Read as stored (200 px high) the same face would have been refused: what the header used to report.
        assertThat(gate.problems(face, STORED_H)).contains(EnrollmentReasons.FACE_TOO_SMALL);
    }

    @Test
    void aBrokenExifSegmentLeavesTheStoredSides() throws Exception {
        byte[] rotated = withOrientation(jpeg(STORED_W, STORED_H), 6);
        byte[] broken = rotated.clone();
        broken[6 + 6] = 'X'; // after SOI, APP1 marker and length, "Exif\0\0": the "MM" byte order mark spoiled
        assertThat(ImageHeader.read(broken)).isEqualTo(new ImageHeader(ImageHeader.Check.OK, 400, 200));
        // An Orientation value outside 1..8 is ignored too.
        assertThat(ImageHeader.read(withOrientation(jpeg(STORED_W, STORED_H), 9)).width()).isEqualTo(400);
    }

    private static byte[] jpeg(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "jpg", out)).isTrue();
        return out.toByteArray();
    }
}

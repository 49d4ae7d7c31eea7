package com.facegate.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The real models on real LFW photos. */
class OnnxFaceEngineTest {
    private static OnnxFaceEngine engine;

    @BeforeAll
    static void load() {
        Faces.root();
        engine = OnnxFaceEngine.load();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Face only(byte[] image) throws ImageRejectedException {
        List<Face> faces = engine.analyze(image, FaceEngine.Detail.DEFAULT);
        assertThat(faces).isNotEmpty();
        return faces.get(0);
    }

    private static float score(byte[] a, byte[] b) throws ImageRejectedException {
        return Similarity.score(only(a).embedding(), only(b).embedding());
    }

    @Test
    void findsOneCentredFaceWithSaneGeometry() throws Exception {
        List<Face> faces = engine.analyze(Faces.photo("Colin_Powell", 1), FaceEngine.Detail.DEFAULT);
        assertThat(faces).hasSize(1);
        Face f = faces.get(0);
        Face.BoundingBox b = f.box();
        assertThat(b.left()).isBetween(0.2f, 0.45f);
        assertThat(b.top()).isBetween(0.15f, 0.45f);
        assertThat(b.width()).isBetween(0.25f, 0.6f);
        assertThat(f.confidence()).isBetween(65f, 100f);
        assertThat(f.embedding()).hasSize(engine.embeddingSize());
        assertThat(Similarity.cosine(f.embedding(), f.embedding())).isBetween(0.999f, 1.001f);
        assertThat(f.landmarks()).extracting(Face.Landmark::type)
                .contains("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight");
        for (Face.Landmark l : f.landmarks()) {
            assertThat(l.x()).as(l.type()).isBetween(b.left(), b.left() + b.width());
            assertThat(l.y()).as(l.type()).isBetween(b.top(), b.top() + b.height() * 1.05f);
        }
        Face.Landmark eyeL = f.landmarks().get(0), eyeR = f.landmarks().get(1), nose = f.landmarks().get(2),
                mouthL = f.landmarks().get(3);
        assertThat(eyeL.x()).isLessThan(eyeR.x());
        assertThat(nose.y()).isGreaterThan(eyeL.y());
        assertThat(mouthL.y()).isGreaterThan(nose.y());
        assertThat(Math.abs(f.pose().roll())).isLessThan(20f);
        assertThat(f.quality().brightness()).isBetween(5f, 95f);
        assertThat(f.quality().sharpness()).isBetween(1f, 100f);
        assertThat(f.liveness()).isBetween(0f, 1f);
        assertThat(f.attributes()).isNull();
    }

    @Test
    void samePersonScoresAboveThresholdAndStrangersBelow() throws Exception {
        byte[] powell1 = Faces.photo("Colin_Powell", 1), powell2 = Faces.photo("Colin_Powell", 2);
        byte[] blair1 = Faces.photo("Tony_Blair", 1), blair2 = Faces.photo("Tony_Blair", 2);
        float samePowell = score(powell1, powell2), sameBlair = score(blair1, blair2);
        float different = Math.max(score(powell1, blair1), score(powell2, blair2));
        assertThat(samePowell).isGreaterThan(different);
        assertThat(sameBlair).isGreaterThan(different);
        assertThat(Math.min(samePowell, sameBlair)).isGreaterThanOrEqualTo(80f);
        assertThat(different).isLessThan(80f);
    }

    @Test
    void mirroredAndTiltedPhotosStillMatch() throws Exception {
        byte[] original = Faces.photo("Tony_Blair", 3);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(original));
        BufferedImage mirrored = transform(img, AffineTransform.getScaleInstance(-1, 1), -img.getWidth(), 0);
        AffineTransform rot = AffineTransform.getRotateInstance(Math.toRadians(15), img.getWidth() / 2.0,
                img.getHeight() / 2.0);
        BufferedImage tilted = transform(img, rot, 0, 0);
        assertThat(score(original, jpeg(mirrored))).isGreaterThanOrEqualTo(95f);
        Face t = only(jpeg(tilted));
        assertThat(Similarity.score(only(original).embedding(), t.embedding())).isGreaterThanOrEqualTo(90f);
        // The eye line follows the tilt (image y grows downward, so a counter-clockwise turn reads as positive roll).
        assertThat(t.pose().roll() - only(original).pose().roll()).isBetween(8f, 22f);
    }

    @Test
    void phonePortraitWithExifOrientation6IsFoundAndMatchesLikeTheUprightPhoto() throws Exception {
        byte[] upright = Faces.photo("Colin_Powell", 1);
        byte[] portrait = com.facegate.engine.image.TestImages.phonePortrait(upright);
        // Without the tag the stored pixels lie on their side: the face the door must find is only upright via EXIF.
        BufferedImage uprightPixels = ImageIO.read(new ByteArrayInputStream(upright));
        byte[] sideways = com.facegate.engine.image.TestImages.jpeg(
                com.facegate.engine.image.TestImages.storedForOrientation6(uprightPixels));
        Face f = only(portrait);
        assertThat(Math.abs(f.pose().roll())).as("upright after EXIF").isLessThan(20f);
        assertThat(score(portrait, upright)).isGreaterThanOrEqualTo(95f);
        assertThat(score(portrait, Faces.photo("Colin_Powell", 2))).isGreaterThanOrEqualTo(80f);
        List<Face> onSide = engine.analyze(sideways, FaceEngine.Detail.DEFAULT);
        assertThat(onSide.isEmpty() || Math.abs(onSide.get(0).pose().roll()) > 45f
                || Similarity.score(onSide.get(0).embedding(), f.embedding()) < 95f)
                .as("the stored pixels alone are not the upright face").isTrue();
    }

    @Test
    void findsTenFacesInAMosaic() throws Exception {
        String[] people = {"Colin_Powell", "Tony_Blair", "Colin_Powell", "Tony_Blair", "Colin_Powell", "Tony_Blair",
                "Colin_Powell", "Tony_Blair", "Colin_Powell", "Tony_Blair"};
        int tile = 150;
        BufferedImage mosaic = new BufferedImage(5 * tile, 2 * tile, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = mosaic.createGraphics();
        for (int i = 0; i < 10; i++) {
            BufferedImage p = ImageIO.read(new ByteArrayInputStream(Faces.photo(people[i], 4 + i)));
            // The centre 150 px of an LFW photo: the subject, without most bystanders.
            g.drawImage(p.getSubimage(50, 50, tile, tile), (i % 5) * tile, (i / 5) * tile, null);
        }
        g.dispose();
        List<Face> faces = engine.analyze(jpeg(mosaic), FaceEngine.Detail.DEFAULT);
        assertThat(faces).hasSizeBetween(9, 11);
        for (int i = 1; i < faces.size(); i++) {
            assertThat(faces.get(i).box().area()).isLessThanOrEqualTo(faces.get(i - 1).box().area());
        }
    }

    @Test
    void allDetailFillsRekognitionAttributes() throws Exception {
        List<Face> faces = engine.analyze(Faces.photo("Colin_Powell", 5), FaceEngine.Detail.ALL);
        Face.Attributes a = faces.get(0).attributes();
        assertThat(a).isNotNull();
        assertThat(a.ageLow()).isLessThan(a.ageHigh());
        assertThat(a.ageLow()).isBetween(10, 90);
        assertThat(a.gender()).isIn("Male", "Female");
        assertThat(a.genderConfidence()).isBetween(50f, 100f);
        assertThat(a.emotions()).hasSize(8);
        assertThat(a.emotions()).extracting(Face.Emotion::type)
                .containsExactlyInAnyOrder("HAPPY", "SAD", "ANGRY", "CONFUSED", "DISGUSTED", "SURPRISED",
                        "CALM", "FEAR");
        double total = a.emotions().stream().mapToDouble(Face.Emotion::confidence).sum();
        assertThat(total).isBetween(99.0, 101.0);
        assertThat(a.eyesOpen()).isTrue();
        assertThat(a.eyesOpenConfidence()).isBetween(50f, 100f);
        assertThat(a.smile()).isNotNull();
        assertThat(a.mouthOpen()).isNotNull();
        assertThat(Math.abs(faces.get(0).pose().yaw())).isLessThan(45f);
    }

    /**
     * POSE is ALL's pose without the attributes, and otherwise DEFAULT (same box, landmarks, roll, embedding): the
     * pose the Rekognition endpoint reports whatever was asked. Prints what the pose network adds per image.
     */
    @Test
    void poseDetailIsTheNetworksPoseWithoutAttributes() throws Exception {
        List<byte[]> photos = List.of(Faces.photo("David_Beckham", 2), Faces.photo("Colin_Powell", 3),
                Faces.photo("Tony_Blair", 1), Faces.photo("Silvio_Berlusconi", 4));
        float largestGap = 0;
        for (byte[] photo : photos) {
            Face geometric = only(photo);
            Face measured = engine.analyze(photo, FaceEngine.Detail.POSE).get(0);
            Face all = engine.analyze(photo, FaceEngine.Detail.ALL).get(0);
            assertThat(measured.pose()).isEqualTo(all.pose());
            assertThat(measured.attributes()).isNull();
            assertThat(measured.box()).isEqualTo(geometric.box());
            assertThat(measured.landmarks()).isEqualTo(geometric.landmarks());
            assertThat(measured.embedding()).isEqualTo(geometric.embedding());
            assertThat(measured.pose().roll()).isEqualTo(geometric.pose().roll());
            largestGap = Math.max(largestGap, Math.abs(measured.pose().yaw() - geometric.pose().yaw()));
        }
        // The two estimates do differ (David_Beckham_0002: about -27° from geometry, -45° from the network).
        assertThat(largestGap).isGreaterThan(5f);
        long[] nanos = new long[2];
        for (int round = 0; round < 3; round++) {
            for (byte[] photo : photos) {
                long t0 = System.nanoTime();
                engine.analyze(photo, FaceEngine.Detail.DEFAULT);
                long t1 = System.nanoTime();
                engine.analyze(photo, FaceEngine.Detail.POSE);
                long t2 = System.nanoTime();
                nanos[0] += t1 - t0;
                nanos[1] += t2 - t1;
            }
        }
        int n = 3 * photos.size();
        System.out.printf("fr_pose cost: DEFAULT %.1f ms, POSE %.1f ms per one-face 250x250 photo (+%.1f ms)%n",
                nanos[0] / 1e6 / n, nanos[1] / 1e6 / n, (nanos[1] - nanos[0]) / 1e6 / n);
    }

    @Test
    void blankImageHasNoFace() throws Exception {
        BufferedImage grey = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        assertThat(engine.analyze(jpeg(grey), FaceEngine.Detail.ALL)).isEmpty();
    }

    @Test
    void hostileBytesAreRejectedWithTheRightKind() throws Exception {
        assertThat(kind(new byte[0])).isEqualTo(ImageRejectedException.Kind.INVALID_FORMAT);
        byte[] noise = new byte[10_000];
        new Random(1).nextBytes(noise);
        assertThat(kind(noise)).isEqualTo(ImageRejectedException.Kind.INVALID_FORMAT);
        byte[] photo = Faces.photo("Colin_Powell", 1);
        assertThat(kind(java.util.Arrays.copyOf(photo, photo.length / 2)))
                .isEqualTo(ImageRejectedException.Kind.INVALID_FORMAT);
        assertThat(kind(com.facegate.engine.image.ImageDecoderTest.pngHeader(20_000, 20_000)))
                .isEqualTo(ImageRejectedException.Kind.TOO_LARGE);
        assertThat(kind(com.facegate.engine.image.TestImages.pngBomb(30_000, 30_000)))
                .isEqualTo(ImageRejectedException.Kind.TOO_LARGE);
    }

    @Test
    void sixMegabyteImageIsAnalysed() throws Exception {
        // Noise does not compress: a 1600×1300 PNG of it is about 6 MB. It decodes, and nothing in it is a face.
        BufferedImage big = new BufferedImage(1600, 1300, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((java.awt.image.DataBufferByte) big.getRaster().getDataBuffer()).getData();
        new Random(2).nextBytes(px);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(big, "png", out);
        assertThat(out.size()).isGreaterThan(5_500_000);
        List<Face> faces = engine.analyze(out.toByteArray(), FaceEngine.Detail.DEFAULT);
        assertThat(faces).allSatisfy(f -> assertThat(f.box().width()).isBetween(0f, 1f));
        assertThat(faces).hasSizeLessThan(3);
    }

    @Test
    void concurrentCallsWithParallelPassesGiveWhatOneThreadInLineGives() throws Exception {
        // Each face's liveness and mirrored pass run on side threads: results must not mix between requests.
        List<byte[]> photos = List.of(Faces.photo("Tony_Blair", 5), Faces.photo("Colin_Powell", 3),
                Faces.photo("Laura_Bush", 2), Faces.photo("Colin_Powell", 1));
        List<Face> inline = new java.util.ArrayList<>();
        try (OnnxFaceEngine oneThread = OnnxFaceEngine.load(0)) {
            for (byte[] p : photos) {
                inline.add(oneThread.analyze(p, FaceEngine.Detail.DEFAULT).get(0));
            }
        }
        List<java.util.concurrent.Callable<Face>> jobs = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (byte[] p : photos) {
                jobs.add(() -> only(p));
            }
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = pool.invokeAll(jobs);
            for (int i = 0; i < results.size(); i++) {
                Face got = results.get(i).get(), want = inline.get(i % photos.size());
                assertThat(got.embedding()).as("photo %d", i % photos.size()).containsExactly(want.embedding());
                assertThat(got.liveness()).isEqualTo(want.liveness());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static ImageRejectedException.Kind kind(byte[] bytes) {
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
                () -> engine.analyze(bytes, FaceEngine.Detail.DEFAULT));
        assertThat(e).isNotNull();
        return e.kind();
    }

    private static BufferedImage transform(BufferedImage src, AffineTransform t, double tx, double ty) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform at = new AffineTransform(t);
        at.translate(tx, ty);
        g.drawImage(src, at, null);
        g.dispose();
        return out;
    }

    static byte[] jpeg(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

}

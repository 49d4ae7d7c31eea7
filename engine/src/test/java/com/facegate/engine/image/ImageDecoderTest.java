package com.facegate.engine.image;

import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.ImageRejectedException.Kind;
import com.facegate.protocol.image.ExifOrientation;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

public class ImageDecoderTest {

    private static Kind rejection(byte[] bytes) {
        ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> ImageDecoder.decode(bytes));
        assertThat(e).as("expected rejection").isNotNull();
        return e.kind();
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    static BufferedImage gradient(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 255 / w) ^ r.nextInt(32);
                img.setRGB(x, y, 0xff000000 | (v << 16) | ((y * 255 / h) << 8) | 128);
            }
        }
        return img;
    }

    @Test
    void emptyAndRandomBytesAreInvalidFormat() {
        assertThat(rejection(new byte[0])).isEqualTo(Kind.INVALID_FORMAT);
        assertThat(rejection(null)).isEqualTo(Kind.INVALID_FORMAT);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertThat(rejection(noise)).isEqualTo(Kind.INVALID_FORMAT);
        assertThat(rejection("GIF89a not really".getBytes(StandardCharsets.UTF_8))).isEqualTo(Kind.INVALID_FORMAT);
    }

    @Test
    void truncatedJpegIsInvalidNotHalfDecoded() throws Exception {
        byte[] jpeg = encode(gradient(400, 300, BufferedImage.TYPE_3BYTE_BGR), "jpg");
        assertThat(ImageDecoder.decode(jpeg).width()).isEqualTo(400);
        for (int cut : new int[] {jpeg.length / 2, jpeg.length - 10, 200, 3}) {
            assertThat(rejection(Arrays.copyOf(jpeg, cut))).as("cut at %d", cut).isEqualTo(Kind.INVALID_FORMAT);
        }
    }

    @Test
    void truncatedPngIsInvalid() throws IOException {
        byte[] png = encode(gradient(300, 200, BufferedImage.TYPE_INT_RGB), "png");
        assertThat(rejection(Arrays.copyOf(png, png.length / 2))).isEqualTo(Kind.INVALID_FORMAT);
    }

    @Test
    void pngHeaderClaimingHugeImageIsTooLargeBeforeDecoding() {
        assertThat(rejection(pngHeader(20_000, 20_000))).isEqualTo(Kind.TOO_LARGE);
        assertThat(rejection(pngHeader(9_000, 10))).isEqualTo(Kind.TOO_LARGE); // one side over 8192
        assertThat(rejection(pngHeader(8_000, 5_000))).isEqualTo(Kind.TOO_LARGE); // 40 M pixels
    }

    @Test
    void realDecompressionBombsAreRefusedFromTheHeaderBeforeAnyRasterIsAllocated() throws Exception {
        byte[] bomb = TestImages.pngBomb(30_000, 30_000);
        byte[] mid = TestImages.pngBomb(9_000, 9_000); // 243 MB of pixels: decodable on a big heap, so a real test
        byte[] claim = TestImages.pngClaiming(20_000, 20_000);
        assertThat(bomb.length).isLessThan(5 << 20);
        assertThat(claim.length).isLessThan(100);
        // The header really says what the check refuses: ImageIO would allocate 30000 x 30000 x 3 bytes for it.
        javax.imageio.ImageReader r = ImageIO.getImageReadersByFormatName("png").next();
        try (var in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bomb))) {
            r.setInput(in);
            assertThat(r.getWidth(0)).isEqualTo(30_000);
        } finally {
            r.dispose();
        }
        for (byte[] b : List.of(bomb, mid, claim)) {
            ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> ImageDecoder.size(b));
            assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
            assertThat(e.getMessage()).contains("x").contains("pixels");
            // decode refuses it the same way (TOO_LARGE, not a NegativeArraySize or out-of-memory turned INVALID).
            assertThat(rejection(b)).isEqualTo(Kind.TOO_LARGE);
            assertThat(catchThrowableOfType(ImageRejectedException.class, () -> ImageDecoder.decodeImage(b)).kind())
                    .isEqualTo(Kind.TOO_LARGE);
        }
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 20; i++) {
            rejection(bomb);
        }
        assertThat(rt.totalMemory() - rt.freeMemory() - before).as("no raster was allocated").isLessThan(200L << 20);
    }

    @Test
    void exifOrientation6IsTurnedUprightAndItsSizeIsTheUprightSize() throws Exception {
        BufferedImage upright = gradient(120, 80, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                upright.setRGB(x, y, 0xff0000); // a red patch top left, where a person sees it
            }
        }
        byte[] portrait = TestImages.withOrientation(TestImages.jpeg(TestImages.storedForOrientation6(upright)), 6);
        assertThat(ExifOrientation.of(portrait)).isEqualTo(6);
        BgrImage d = ImageDecoder.decode(portrait);
        assertThat(d.width()).isEqualTo(120);
        assertThat(d.height()).isEqualTo(80);
        int topLeft = (5 * 120 + 5) * 3;
        assertThat(d.bgr()[topLeft + 2] & 0xff).as("red where it was").isGreaterThan(200);
        assertThat(d.bgr()[topLeft] & 0xff).isLessThan(60);
        assertThat(ImageDecoder.size(portrait)).isEqualTo(new ImageDecoder.Size(120, 80));
        assertThat(ImageDecoder.decodeImage(portrait).getWidth()).isEqualTo(120);
        // A PNG has no EXIF: its stored orientation is what it shows.
        assertThat(ImageDecoder.size(encode(upright, "png"))).isEqualTo(new ImageDecoder.Size(120, 80));
    }

    @Test
    void everyOrientationIsUndoneByItsInverse() {
        BgrImage img = new BgrImage(3, 2, new byte[] {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6});
        int[][] inverse = {{2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 8}, {7, 7}, {8, 6}};
        for (int[] pair : inverse) {
            BgrImage turned = Upright.apply(img, pair[0]);
            assertThat(turned.width()).isEqualTo(ExifOrientation.swapsSides(pair[0]) ? 2 : 3);
            assertThat(Upright.apply(turned, pair[1]).bgr()).as("orientation %d", pair[0]).isEqualTo(img.bgr());
        }
        // 6 turns a quarter clockwise: the bottom-left pixel (4) comes to the top left.
        assertThat(Upright.apply(img, 6).bgr()[0]).isEqualTo((byte) 4);
        assertThat(Upright.apply(img, 1)).isSameAs(img);
    }

    @Test
    void hostileExifIsIgnoredNotFatal() throws Exception {
        byte[] jpeg = encode(gradient(40, 30, BufferedImage.TYPE_3BYTE_BGR), "jpg");
        byte[] tagged = TestImages.withOrientation(jpeg, 6);
        byte[] badOffset = tagged.clone();
        badOffset[4 + 2 + 6 + 4] = (byte) 0x7f; // IFD0 offset 2 GB beyond the segment
        assertThat(ExifOrientation.of(badOffset)).isEqualTo(1);
        assertThat(ImageDecoder.decode(badOffset).width()).isEqualTo(40);
        byte[] outOfRange = TestImages.withOrientation(jpeg, 9);
        assertThat(ExifOrientation.of(outOfRange)).isEqualTo(1);
        byte[] shortSegment = Arrays.copyOf(tagged, 12);
        assertThat(ExifOrientation.of(shortSegment)).isEqualTo(1);
        byte[] lengthBeyondFile = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1, 0, 1};
        assertThat(ExifOrientation.of(lengthBeyondFile)).isEqualTo(1);
        assertThat(ImageDecoder.decode(tagged).width()).isEqualTo(30);
    }

    @Test
    void bmpIsNotAccepted() throws IOException {
        assertThat(rejection(encode(gradient(20, 20, BufferedImage.TYPE_3BYTE_BGR), "bmp")))
                .isEqualTo(Kind.INVALID_FORMAT);
    }

    @Test
    void greyAlphaAndPaletteImagesDecodeToBgr() throws Exception {
        BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(10, 10, 0, 200);
        BgrImage g = ImageDecoder.decode(encode(grey, "png"));
        int i = (10 * 64 + 10) * 3;
        assertThat(new int[] {g.bgr()[i] & 0xff, g.bgr()[i + 1] & 0xff, g.bgr()[i + 2] & 0xff}).containsOnly(200);

        BufferedImage argb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0xff0000ff); // opaque blue
        BgrImage a = ImageDecoder.decode(encode(argb, "png"));
        int j = (32 + 1) * 3;
        assertThat(a.bgr()[j] & 0xff).isEqualTo(255);
        assertThat(a.bgr()[j + 2] & 0xff).isEqualTo(0);
        assertThat(a.bgr()[0] & 0xff).as("transparent becomes white").isEqualTo(255);

        BgrImage gj = ImageDecoder.decode(encode(grey, "jpg"));
        assertThat(gj.width()).isEqualTo(64);

        BufferedImage palette = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED);
        assertThat(ImageDecoder.decode(encode(palette, "png")).height()).isEqualTo(16);
    }

    @Test
    void fourChannelCmykJpegDecodes() throws Exception {
        java.awt.image.WritableRaster r = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 40, 30, 4, null);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                r.setPixel(x, y, new int[] {200, 50, 50, 255});
            }
        }
        javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new javax.imageio.IIOImage(r, null, null), null);
        } finally {
            w.dispose();
        }
        BgrImage d = ImageDecoder.decode(out.toByteArray());
        assertThat(d.width()).isEqualTo(40);
        assertThat(d.height()).isEqualTo(30);
        assertThat(d.bgr()).hasSize(40 * 30 * 3);
    }

    @Test
    void colourChannelsLandInBgrOrder() throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(2, 3, 0xff0000); // red
        BgrImage d = ImageDecoder.decode(encode(img, "png"));
        int i = (3 * 8 + 2) * 3;
        assertThat(d.bgr()[i + 2] & 0xff).isEqualTo(255);
        assertThat(d.bgr()[i] & 0xff).isEqualTo(0);
    }

    /** A PNG signature and IHDR chunk (with a valid CRC) claiming the given size, followed by nothing. */
    public static byte[] pngHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13);
        int crcStart = b.position();
        b.put(new byte[] {'I', 'H', 'D', 'R'});
        b.putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), crcStart, 17);
        b.putInt((int) crc.getValue());
        b.putInt(0).put(new byte[] {'I', 'E', 'N', 'D'}).putInt(0xAE426082);
        return b.array();
    }
}

package com.facegate.engine.image;

import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.ImageRejectedException.Kind;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
        assertThat(rejection("GIF89a not really".getBytes())).isEqualTo(Kind.INVALID_FORMAT);
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
    void bmpIsNotAccepted() throws IOException {
        assertThat(rejection(encode(gradient(20, 20, BufferedImage.TYPE_3BYTE_BGR), "bmp"))).isEqualTo(Kind.INVALID_FORMAT);
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
        java.awt.image.WritableRaster r = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 40, 30, 4, null);
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

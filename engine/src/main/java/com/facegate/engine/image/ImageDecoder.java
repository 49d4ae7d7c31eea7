package com.facegate.engine.image;

import com.facegate.engine.FaceEngine;
import com.facegate.engine.ImageRejectedException;
import com.facegate.engine.ImageRejectedException.Kind;
import com.facegate.protocol.image.ExifOrientation;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Graphics2D;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes untrusted JPEG/PNG bytes. Dimensions are read from the header before any pixel is decoded so a
 * small file claiming a huge image cannot exhaust memory. A JPEG that ImageIO can only half-decode (truncated,
 * corrupt entropy data) is rejected: a grey-filled half face must never be matched against a gallery. A JPEG's
 * EXIF Orientation is applied, as Rekognition applies it: what is analysed is the photo as a person sees it.
 */
public final class ImageDecoder {
    /** Longest side accepted, whatever the pixel count. */
    public static final int MAX_SIDE = 8192;
    private static final Set<String> FORMATS = Set.of("jpeg", "png");

    /** Width and height as a person sees the image (EXIF Orientation applied). */
    public record Size(int width, int height) {}

    private ImageDecoder() {}

    /** The upright image as 8-bit BGR; refused before any pixel is decoded when its header claims too many. */
    public static BgrImage decode(byte[] bytes) throws ImageRejectedException {
        BgrImage stored = withCheckedReader(bytes, ImageDecoder::pixels);
        return Upright.apply(stored, ExifOrientation.of(bytes));
    }

    /**
     * As {@link #decode} but as a {@link BufferedImage} ({@code TYPE_3BYTE_BGR}): for frame sources, which must
     * refuse what the engine refuses (a bomb, a half-decoded JPEG) rather than pass on ImageIO's grey-filled rest.
     */
    public static BufferedImage decodeImage(byte[] bytes) throws ImageRejectedException {
        BgrImage img = decode(bytes);
        BufferedImage out = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(img.bgr(), 0, data, 0, data.length);
        return out;
    }

    /**
     * The upright size from the header alone, refused as {@link #decode} would refuse it (not a JPEG or PNG, no
     * pixels, too many pixels): the check that runs before any decoder may allocate a raster.
     */
    @SuppressWarnings("ArgumentSelectionDefectChecker") // a quarter-turned picture swaps its sides on purpose
    public static Size size(byte[] bytes) throws ImageRejectedException {
        Size stored = withCheckedReader(bytes, r -> new Size(r.getWidth(0), r.getHeight(0)));
        return ExifOrientation.swapsSides(ExifOrientation.of(bytes))
                ? new Size(stored.height(), stored.width()) : stored;
    }

    private interface ReaderStep<T> {
        T apply(ImageReader reader) throws IOException, ImageRejectedException;
    }

    /** Runs {@code step} on a JPEG/PNG reader whose header has passed {@link #checkSize}. */
    private static <T> T withCheckedReader(byte[] bytes, ReaderStep<T> step) throws ImageRejectedException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(Kind.INVALID_FORMAT, "empty image");
        }
        // Straight from memory: ImageIO.createImageInputStream would copy every image through a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in);
            try {
                reader.setInput(in, true, true);
                checkSize(reader.getWidth(0), reader.getHeight(0));
                return step.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: ImageIO codecs throw IndexOutOfBounds/IllegalArgument on hostile bytes.
            throw new ImageRejectedException(Kind.INVALID_FORMAT, "undecodable image: " + e.getClass().getSimpleName());
        }
    }

    private static BgrImage pixels(ImageReader reader) throws IOException, ImageRejectedException {
        Warnings warnings = new Warnings();
        reader.addIIOReadWarningListener(warnings);
        BufferedImage image;
        try {
            image = reader.read(0);
        } catch (IOException e) {
            // ImageIO refuses CMYK/YCCK JPEGs as a whole image but can hand out the raw raster.
            if (!"jpeg".equals(format(reader)) || !String.valueOf(e.getMessage()).contains("Unsupported Image Type")) {
                throw e;
            }
            return fromCmyk(reader.readRaster(0, null), warnings);
        }
        warnings.check();
        return toBgr(image);
    }

    /** Refuses a canvas with no pixels, a side over {@link #MAX_SIDE} or more than {@code MAX_PIXELS} in all. */
    public static void checkSize(int w, int h) throws ImageRejectedException {
        if (w <= 0 || h <= 0) {
            throw new ImageRejectedException(Kind.INVALID_FORMAT, "image has no pixels");
        }
        if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > FaceEngine.MAX_PIXELS) {
            throw new ImageRejectedException(Kind.TOO_LARGE, "image is " + w + "x" + h + " pixels");
        }
    }

    private static ImageReader readerFor(ImageInputStream in) throws ImageRejectedException {
        if (in == null) {
            throw new ImageRejectedException(Kind.INVALID_FORMAT, "unreadable image");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (FORMATS.contains(format(r))) {
                return r;
            }
        }
        throw new ImageRejectedException(Kind.INVALID_FORMAT, "not a JPEG or PNG image");
    }

    private static String format(ImageReader r) {
        try {
            return r.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        }
    }

    private static BgrImage toBgr(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            // Grey, palette, alpha, 16-bit: let Java2D convert; transparent areas become white like a page.
            BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            try {
                g.drawImage(image, 0, 0, Color.WHITE, null);
            } finally {
                g.dispose();
            }
            image = bgr;
        }
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        if (data.length != w * h * 3) {
            data = java.util.Arrays.copyOf(data, w * h * 3);
        }
        return new BgrImage(w, h, data);
    }

    /** Adobe CMYK JPEGs store inverted ink values; approximate RGB = inverted ink times inverted black. */
    private static BgrImage fromCmyk(Raster raster, Warnings warnings) throws ImageRejectedException {
        warnings.check();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        if (bands != 4) {
            throw new ImageRejectedException(Kind.INVALID_FORMAT, "unsupported JPEG colour space");
        }
        byte[] out = new byte[w * h * 3];
        int[] px = new int[w * 4];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, px);
            for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                int c = px[x * 4], m = px[x * 4 + 1], ye = px[x * 4 + 2], k = px[x * 4 + 3];
                out[o] = (byte) (ye * k / 255);
                out[o + 1] = (byte) (m * k / 255);
                out[o + 2] = (byte) (c * k / 255);
            }
        }
        return new BgrImage(w, h, out);
    }

    /** Collects decoder warnings; "premature end" and corrupt-data warnings mean a half-decoded image. */
    private static final class Warnings implements IIOReadWarningListener {
        private String first;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            if (first == null) {
                first = warning;
            }
        }

        void check() throws ImageRejectedException {
            if (first != null) {
                throw new ImageRejectedException(Kind.INVALID_FORMAT, "corrupt or truncated image data");
            }
        }
    }
}

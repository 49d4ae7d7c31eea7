package com.facegate.cloud;

import com.facegate.protocol.image.ExifOrientation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads only an image's header (format and dimensions, no pixel decoding) to refuse hostile input cheaply before
 * it costs a Rekognition call: not an image at all, or a small file that claims an enormous canvas. Width and
 * height are upright, as Rekognition sees the image: a JPEG's EXIF Orientation 5–8 (a phone's portrait photo)
 * swaps them, so bounding-box ratios from Rekognition scale by the right side.
 */
public record ImageHeader(Check check, int width, int height) {
    /** Refuse canvases beyond this many pixels per side (a 48 MP phone photo is 8000 x 6000). */
    public static final int MAX_SIDE = 10_000;

    public enum Check { OK, NOT_AN_IMAGE, TOO_LARGE }

    public static ImageHeader read(byte[] bytes) {
        if (bytes == null || bytes.length < 8 || !(isJpeg(bytes) || isPng(bytes))) {
            return new ImageHeader(Check.NOT_AN_IMAGE, 0, 0);
        }
        // From memory: ImageIO.createImageInputStream would copy the image through a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new ImageHeader(Check.NOT_AN_IMAGE, 0, 0);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    return new ImageHeader(Check.NOT_AN_IMAGE, 0, 0);
                }
                Check check = w > MAX_SIDE || h > MAX_SIDE ? Check.TOO_LARGE : Check.OK;
                if (isJpeg(bytes) && ExifOrientation.swapsSides(ExifOrientation.of(bytes))) {
                    return new ImageHeader(check, h, w);
                }
                return new ImageHeader(check, w, h);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return new ImageHeader(Check.NOT_AN_IMAGE, 0, 0);
        }
    }

    public static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }

    public static boolean isPng(byte[] b) {
        return b.length >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }
}

package com.facegate.engine.image;

import com.facegate.protocol.image.ExifOrientation;

/**
 * Turns an image upright as its EXIF Orientation tag asks. Phones store a portrait photo as landscape pixels plus
 * Orientation 6; Rekognition turns the image upright before it looks for faces, and so must we, or a phone's photo
 * finds no face at enrollment and no match at the door. The tag itself is read by the shared
 * {@link ExifOrientation} (the cloud's header check reads it the same way).
 */
public final class Upright {
    private Upright() {}

    /** The upright image: {@code img} transformed as its Orientation says (a new image; 1 returns it as is). */
    public static BgrImage apply(BgrImage img, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        boolean swap = ExifOrientation.swapsSides(orientation);
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        byte[] src = img.bgr();
        byte[] dst = new byte[src.length];
        int o = 0;
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++, o += 3) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int s = (sy * w + sx) * 3;
                dst[o] = src[s];
                dst[o + 1] = src[s + 1];
                dst[o + 2] = src[s + 2];
            }
        }
        return new BgrImage(dw, dh, dst);
    }
}

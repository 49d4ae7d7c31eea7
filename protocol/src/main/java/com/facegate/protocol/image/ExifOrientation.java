package com.facegate.protocol.image;

/**
 * The EXIF Orientation tag (1–8) of a JPEG. Phones store a portrait photo as landscape pixels plus Orientation 6;
 * Rekognition turns the image upright before it looks at it, and so must everything that measures an image: the
 * engine (which also turns the pixels) and the cloud's header check (upright width and height). Shared here so both
 * read the tag the same way. Only the APP1 segments before the image data are read, every offset bounds-checked: a
 * hostile segment yields 1 (as stored), never an error.
 */
public final class ExifOrientation {
    public static final int NORMAL = 1;
    private static final int TAG_ORIENTATION = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {}

    /** The Orientation of a JPEG's EXIF data; {@link #NORMAL} when there is none or it is unreadable. */
    public static int of(byte[] jpeg) {
        if (jpeg == null || jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != 0xD8) {
            return NORMAL;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if (u8(jpeg, pos) != 0xFF) {
                return NORMAL;
            }
            int marker = u8(jpeg, pos + 1);
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return NORMAL; // image data starts: EXIF comes before it
            }
            int length = u16(jpeg, pos + 2, false);
            if (length < 2 || pos + 2 + length > jpeg.length) {
                return NORMAL;
            }
            if (marker == 0xE1 && isExif(jpeg, pos + 4, length - 2)) {
                int o = tiffOrientation(jpeg, pos + 10, pos + 2 + length);
                if (o != 0) {
                    return o;
                }
            }
            pos += 2 + length;
        }
        return NORMAL;
    }

    /** True when the orientation turns the image by 90° (width and height swap). */
    public static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    private static boolean isExif(byte[] b, int at, int length) {
        return length >= 14 && b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f'
                && b[at + 4] == 0 && b[at + 5] == 0;
    }

    /** The Orientation entry of IFD0 in the TIFF structure at {@code tiff} (ending at {@code end}); 0 if none. */
    private static int tiffOrientation(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 0;
        }
        if (u16(b, tiff + 2, little) != 42) {
            return 0;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd < tiff + 8 || ifd + 2 > end) {
            return 0;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int e = (int) ifd + 2 + i * 12;
            if (e + 12 > end) {
                return 0;
            }
            if (u16(b, e, little) == TAG_ORIENTATION) {
                int value = u16(b, e + 8, little);
                return u16(b, e + 2, little) == TYPE_SHORT && value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? u8(b, at) | u8(b, at + 1) << 8 : u8(b, at) << 8 | u8(b, at + 1);
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = little ? u16(b, at, true) | (long) u16(b, at + 2, true) << 16
                : (long) u16(b, at, false) << 16 | u16(b, at + 2, false);
        return v & 0xFFFFFFFFL;
    }
}
